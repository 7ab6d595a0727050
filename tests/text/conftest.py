"""Hypothesis profiles for the property tests of the text and date functions.

* ``dev`` (the default): 300 random examples a test, failures remembered in ``.hypothesis/``.
* ``ci`` (chosen when the environment variable ``CI`` is set, as ``.ci/run`` does): the same 300
  examples on every run (``derandomize``), no example database, and the reproduction blob printed
  on a failure. A bug found once is kept as an ``@example`` on its test, so CI runs it for good.
* ``long``: a longer randomised pass to run by hand outside CI, 5,000 examples a test:
  ``HYPOTHESIS_PROFILE=long python -m pytest tests/text -q``.

``HYPOTHESIS_PROFILE`` names a profile and wins over ``CI``.
"""

import os

from hypothesis import settings

# Each from Hypothesis's own defaults: on CI, Hypothesis has already loaded its built-in "ci" profile.
DEFAULTS = settings.get_profile("default")
settings.register_profile("dev", DEFAULTS, max_examples=300, deadline=None)
settings.register_profile(
    "ci", DEFAULTS, max_examples=300, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("long", DEFAULTS, max_examples=5_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

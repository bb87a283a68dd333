"""Settings for a worker whose every render pauses first, so a test can kill it mid-render."""

import os

from leerkring.settings import *  # noqa: F403

REPORT_TEST_RENDER_DELAY_SECONDS = float(os.environ.get("REPORT_TEST_RENDER_DELAY_SECONDS", "30"))

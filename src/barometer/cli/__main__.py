import sys

from barometer.cli import main

sys.exit(main())

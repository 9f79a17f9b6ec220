import sys

from shahrtrain_desktop.cli import main

sys.exit(main())

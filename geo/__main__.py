import sys

from geo.commands._cli import main

sys.exit(main())

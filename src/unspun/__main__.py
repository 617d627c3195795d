import sys

from unspun.cli import main

sys.exit(main())

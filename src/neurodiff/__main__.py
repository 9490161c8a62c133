"""python -m neurodiff"""

from neurodiff.cli import main

main()

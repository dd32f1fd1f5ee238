"""Run unroll from a checkout without installing it: `python cli.py convert thread.txt`."""

from unroll.cli import main

if __name__ == "__main__":
    main()

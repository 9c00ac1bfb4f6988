"""Command modules loaded lazily by ``resdiff.cli`` (see ``LAZY_COMMANDS``).

Each module holds click commands only: they convert arguments, call the
library and choose the output and the exit status.
"""

"""The examples in the docstrings of the check and git modules run as written."""

from __future__ import annotations

import doctest

import pytest

from resdiff import check
from resdiff.githooks import diffdriver, git, install, selection


@pytest.mark.parametrize("module", [check, diffdriver, git, install, selection])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

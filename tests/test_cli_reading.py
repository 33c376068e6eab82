"""The CLI as a reader meets it: options accepted after the command, and each command's
--help says what it does."""

from __future__ import annotations

import pytest

from newsreader.cli import main


def test_lang_is_accepted_after_the_command_as_corpus_is(capsys):
    assert main(["list", "--lang", "vi"]) == 0
    assert capsys.readouterr().out.strip()
    assert main(["--lang", "vi", "list"]) == 0


@pytest.mark.parametrize(
    ("command", "says"),
    [("list", "List the articles"), ("show", "Print one article")],
)
def test_list_and_show_help_have_a_description(capsys, command, says):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert says in capsys.readouterr().out

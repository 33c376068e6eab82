"""The People screen (P): everyone named in the corpus, filtered as you type (folded, so a
name typed without diacritics matches), with the selected person's roles and articles.

Enter on a person opens their first mention in the article highlighted on the right; Enter
on an article opens that article's mention. Names, roles and titles are data: drawn as rich
Text from plain strings, never as markup. The people are gathered off the UI thread (the
Library reads every article that names someone).
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.app import keys
from newsreader.app.strings import Strings
from newsreader.core.library import Library, Person
from newsreader.core.text.fold import fold


class _Choices(OptionList, inherit_bindings=False):
    """An option list without its own Enter, so the screen's (go to the mention) answers and
    shows in the footer."""

    BINDINGS = [b for b in OptionList.BINDINGS if not (isinstance(b, Binding) and b.key == "enter")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]


class PersonList(_Choices):
    """The people shown, one option each."""


class PersonArticles(_Choices):
    """The selected person's articles, one option each."""


class PeopleScreen(Screen[tuple[str, int] | None], inherit_bindings=False):
    """Dismisses with (article id, paragraph) to jump to, or None."""

    BINDINGS = keys.bindings("people")

    people: var[list[Person] | None] = var(None)  # None while they are being gathered

    def __init__(self, strings: Strings, library: Library) -> None:
        super().__init__()
        self.strings = strings
        self.library = library
        self.shown: list[Person] = []
        self._titles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        s = self.strings
        with Vertical(id="people"):
            yield Static(Content(s("people_title")), id="people-title", classes="dialog-title")
            yield Input(placeholder=s("people_filter"), id="people-filter")
            with Horizontal(id="people-body"):
                yield PersonList(id="people-list")
                with Vertical(id="people-detail"):
                    yield Static(id="people-roles")
                    yield PersonArticles(id="people-articles")
            yield Static(Content(s("people_loading")), id="people-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#people-filter", Input).focus()  # typing filters at once
        self._gather()

    @work(thread=True, exclusive=True)
    def _gather(self) -> None:
        people = self.library.people()
        titles = {a.id: a.title for a in self.library.articles()}
        self.app.call_from_thread(self._gathered, people, titles)

    def _gathered(self, people: list[Person], titles: dict[str, str]) -> None:
        self._titles = titles
        self.people = people

    def watch_people(self) -> None:
        if self.people is not None:
            self._refilter()

    # -- the lists -----------------------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self.query_one("#people-filter", Input).value

    def _refilter(self) -> None:
        people = self.people or []
        words = fold(self.filter_text).lower().split()
        self.shown = [p for p in people if all(w in p.folded for w in words)]
        option_list = self.query_one(PersonList)
        option_list.clear_options()
        option_list.add_options([Option(self._entry(p)) for p in self.shown])
        if self.shown:
            option_list.highlighted = 0
        self._show_person()
        self._update_status()

    def _entry(self, person: Person) -> Text:
        text = Text(person.name, style="bold")
        text.append("  " + self.strings.count("people_mentions", person.mentions), style="dim")
        return text

    def _update_status(self) -> None:
        s = self.strings
        total = len(self.people or [])
        if not total:
            message = s("people_none")
        elif len(self.shown) == total:
            message = s.count("people_count", total)
        else:
            message = s("people_count_filtered", n=len(self.shown), total=total)
        self.query_one("#people-status", Static).update(Content(message))

    @property
    def current(self) -> Person | None:
        index = self.query_one(PersonList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def _show_person(self) -> None:
        s = self.strings
        person = self.current
        roles = Text()
        articles = self.query_one(PersonArticles)
        articles.clear_options()
        if person is not None:
            roles.append(person.name + "\n", style="bold")
            roles.append(s("people_roles") + "\n", style="underline")
            for role in dict.fromkeys(r.role for r in person.roles):
                roles.append(f"  {role}\n")
            if not person.roles:
                roles.append("  " + s("people_no_roles") + "\n", style="italic")
            if person.directives:
                roles.append(s("people_directives", codes=", ".join(person.directives)) + "\n")
            roles.append(s("people_articles"), style="underline")
            articles.add_options([Option(Text(self._titles.get(a, a))) for a in person.articles])
            articles.highlighted = 0 if person.articles else None
        self.query_one("#people-roles", Static).update(roles)

    # -- events and actions ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.people is not None:
            self._refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(PersonList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.query_one(PersonList):
            self._show_person()

    def action_jump(self) -> None:
        """Enter: from the filter, to the list; else open the mention in the article chosen
        on the right (the person's first article when the list has the focus)."""
        if self.focused is self.query_one("#people-filter", Input):
            self.query_one(PersonList).focus()
            return
        person = self.current
        if person is None or not person.first_mentions:
            return
        index = self.query_one(PersonArticles).highlighted or 0
        mention = person.first_mentions[min(index, len(person.first_mentions) - 1)]
        self.dismiss((mention.article, mention.paragraph or 0))

    def action_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

"""What the journal says, in words: whom an action was done to and on which
item, what was added, one arrow for what changed; never a table's name or
a row's id where a person or an item is meant."""


def said(r, n=1):
    """The last n journal summaries; the JSON journal says the same."""
    lines = [line.split("\t")[5] for line in r.ok("journal").splitlines()[-n:]]
    assert [e["summary"] for e in r.json("journal", "--json")[-n:]] == lines
    return lines


def second_item(r):
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")


def test_a_withdrawal_says_whose_request_left_which_item(hearing):
    """A withdrawn entry's line said 'withdrawn' and no item: with one person
    on two items' lists, the journal did not say which request went."""
    r = hearing
    second_item(r)
    r.new_id("queue", "add", "thematic-1", "ben@example.org")
    on_2 = r.new_id("queue", "add", "thematic-2", "ben@example.org")
    r.ok("queue", "withdraw", str(on_2))
    assert said(r) == ["withdrawn: Ben Okoro from 'Thematic discussion II'"]
    r.ok("undo")
    assert said(r) == ["undid: queue.withdraw withdrawn: Ben Okoro from "
                       "'Thematic discussion II'"]


def test_an_outcome_says_what_was_added_in_words(hearing):
    """'next_step: ...' named the table's code for a next step; a deletion
    said neither what kind of outcome went nor from which item, and a
    response did not say what it answered."""
    r = hearing
    note = r.new_id("note", "thematic-1", "Speakers asked that migrants be heard first")
    step = r.new_id("nextstep", "thematic-1", "Convene a follow-up meeting in the autumn")
    r.new_id("respond", str(note), "Migrant speakers open each discussion")
    r.ok("outcome", "edit", str(step), "--text", "Convene a follow-up meeting in May")
    r.ok("outcome", "delete", str(step))
    assert said(r, 5) == [
        "note on 'Thematic discussion I': Speakers asked that migrants be heard first",
        "next step on 'Thematic discussion I': Convene a follow-up meeting in the autumn",
        "response to note 'Speakers asked that migrants be heard fi…': Migrant speakers"
        " open each discussion",
        "next step 'Convene a follow-up meeting in the autum…': text → 'Convene a"
        " follow-up meeting in May'",
        "deleted next step on 'Thematic discussion I': Convene a follow-up meeting in May"]
    # What the action was done to is the outcome, as for its edit and deletion.
    assert {e["object_type"] for e in r.json("journal", "--json")[-5:]} == {"outcome"}


def test_an_accreditation_says_what_changed_as_an_edit_does(hearing):
    """The accreditation lines wrote 'none -> ecosoc' where every other line
    that says what changed writes '→': a decision at the desk and the same
    field edited read alike now, and so does what the command prints."""
    r = hearing
    assert r.ok("stakeholder", "accredit", "ana@example.org", "ecosoc") == \
        "Ana Ruiz (1) none → ecosoc\n"
    r.ok("stakeholder", "edit", "ana@example.org", "--accreditation", "gcm")
    assert said(r, 2) == ["Ana Ruiz (ana@example.org): accreditation 'Not accredited' →"
                          " 'ECOSOC consultative status'",
                          "Ana Ruiz (ana@example.org): accreditation 'ECOSOC consultative"
                          " status' → 'Accredited to the GCM process'"]
    assert not [e for e in r.json("journal", "--json") if "->" in e["summary"]]


def test_no_line_names_a_row_by_its_id_or_a_stored_code(hearing, tmp_path):
    """'added item 2 ...' named the new item by its id, 'placed a form
    request' and 'online, fr' named nobody (and the language by its code):
    each says whom and which item in words now."""
    r = hearing
    second_item(r)
    form = tmp_path / "form.csv"
    form.write_text("name,sector,email,wants_to_speak,speak_on,registered_at\n"
                    "Nadia Noitem,youth,nadia@x.org,yes,,2022-04-20T09:00:00Z\n")
    r.run("import", "roster", form, check=0)
    r.new_id("queue", "place", "thematic-2", "nadia@x.org")
    ana = r.new_id("queue", "add", "thematic-1", "ana@example.org")
    r.ok("queue", "set", str(ana), "--participation", "online", "--language", "fr")
    r.ok("queue", "set", str(ana), "--participation", "in_room")
    lines = [e["summary"] for e in r.json("journal", "--json")]
    assert "added item 'Thematic discussion II'" in lines
    assert lines[-4:] == ["form request placed: Nadia Noitem on 'Thematic discussion II'",
                          "floor: Ana Ruiz on 'Thematic discussion I'",
                          "online, in French: Ana Ruiz on 'Thematic discussion I'",
                          "in the room: Ana Ruiz on 'Thematic discussion I'"]


def test_an_edit_says_a_coded_field_by_its_label(hearing):
    """An edit quoted the stored codes ('in_room' → 'online', 'red_cross'):
    each coded field is said by the label the screens show."""
    r = hearing
    r.ok("stakeholder", "edit", "ana@example.org", "--participation", "online",
         "--sector", "red_cross", "--gender", "f", "--role", "member_state")
    assert said(r) == [
        "Ana Ruiz (ana@example.org): sector 'Migrants and migrant associations' →"
        " 'International Red Cross and Red Crescent Movement', gender 'Not disclosed' →"
        " 'woman', participation 'in the room' → 'online', role '' → 'Member State'"]


def test_the_meetings_settings_say_what_was_set(hearing):
    """'settings' was the whole line: which of them were set, and to what,
    went unsaid."""
    r = hearing
    r.ok("meeting", "set", "--policy", "first_time", "--warning", "0:45", "--host", "IOM",
         "--speaking-time", "floor=2:00", "--quota", "sector:youth=20",
         "--require-accreditation", "yes")
    r.ok("meeting", "set", "--context", "")
    assert said(r, 2) == [
        "set policy first time, warning 0:45, speaking time (Intervention from the floor)"
        " 2:00, host 'IOM', quota Children and youth organizations 20%, accreditation"
        " required",
        "set no context"]


def test_undo_refused_says_whose_request_on_which_item_changed(hearing):
    """The refusal named 'queue entry 1', a row: it says whose request on
    which item changed since, as the journal's lines name an entry."""
    r = hearing
    entry = r.new_id("queue", "add", "thematic-1", "ana@example.org")
    r.ok("queue", "withdraw", str(entry), env={"ROSTRUM_SESSION": "the desk"})
    p = r.run("undo", check=2)
    assert p.stderr == ("rostrum: nothing undone: 'floor: Ana Ruiz on 'Thematic discussion I''"
                        " (Ana Ruiz's request on 'Thematic discussion I' changed since)\n")

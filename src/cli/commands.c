/* The command table of SPEC.md's contract, and the screens it starts. */
#include "cli.h"

#include "tui_run.h"

static CLI_COMMAND(cmd_tui)
{
	CLI_PARSE("", 0, 0);
	int rc = tui_run(c->db, &c->config, c->no_color);
	return rc ? cli_fail(rc) : 0;
}

static CLI_COMMAND(cmd_display)
{
	CLI_PARSE("interpreters", 0, 0);
	int rc = display_run(c->db, &c->config, c->no_color, o.interpreters);
	return rc ? cli_fail(rc) : 0;
}

/* The table: --help, the man page, the README and the bash completion list
 * the same commands (a test compares them).  In args, ITEM, WHO, ENTRY,
 * FILE, STATE, KIND, K and P name what a value is, and a|b|c its choices:
 * the completion reads them. */
const cli_command cli_commands[] = {
	{"init", "[--title T] [--date YYYY-MM-DD] [--venue V]", "create a database; never overwrites", cmd_init, CLI_NO_DB},
	{"import roster", "FILE [--dry-run]", "import the registration-form CSV", cmd_import_roster, CLI_WRITES},
	{"import agenda", "FILE", "import the programme file (items, speakers, time zone)", cmd_import_agenda, CLI_WRITES},
	{"agenda add", "--title T [--code C] [--start HH:MM] [--end HH:MM] [--kind K] [--parent ITEM] [--moderator M] [--description D]", "add an agenda item", cmd_agenda_add, CLI_WRITES},
	{"agenda list", "[--json]", "the programme", cmd_agenda_list, CLI_READS},
	{"agenda open", "ITEM [--end-speech|--carry-speech]", "make ITEM the live item (the one open ends)", cmd_agenda_open, CLI_WRITES},
	{"agenda close", "ITEM [--end-speech]", "end ITEM (its actual end time)", cmd_agenda_close, CLI_WRITES},
	{"agenda set", "ITEM [--policy fifo|first_time|balanced|meeting] [--title T] [--code C] [--start HH:MM] [--end HH:MM] [--kind K] [--moderator M] [--description D] | ITEM --speaking-time KIND=M:SS", "change an item, or its own speaking time for a kind (0:00: the meeting's)", cmd_agenda_set, CLI_WRITES},
	{"meeting show", "[--json]", "the meeting and its own settings", cmd_meeting_show, CLI_READS},
	{"meeting set", "[--title T] [--date YYYY-MM-DD] [--venue V] [--timezone ZONE] [--policy P] [--warning M:SS] [--speaking-time KIND=M:SS]... [--host H] [--purpose P] [--context C] [--introduction I] [--contact C] [--report-title T] [--report-subtitle S] [--link LABEL=URL]... [--no-links] [--balance-basis interventions|time] [--balance-scope item|meeting] [--max-passed K] [--migrants-first yes|no] [--quota DIM:VALUE=PERCENT]... [--seats ROLE=N]... [--seat-spread none|DIM,...] [--require-accreditation yes|no]", "change the meeting's settings, its balance and its report's words", cmd_meeting_set, CLI_WRITES},
	{"stakeholder add", "--name N [--sector S] [--org O] [--region R] [--country CC] [--gender G] [--email E] [--accreditation A] [--title T] [--languages L] [--role stakeholder|member_state|un_system|organiser] [--participation in_room|online] [--present]", "add a stakeholder (--present: a walk-in, checked in)", cmd_stakeholder_add, CLI_WRITES},
	{"stakeholder list", "[--json] [--present|--absent] [--participation in_room|online] [--accreditation A] [--count]", "the roster, or those present, online, pending ...", cmd_stakeholder_list, CLI_READS},
	{"stakeholder edit", "WHO [--name N] [--sector S] [--org O] [--region R] [--country CC] [--gender G] [--email E] [--accreditation A] [--title T] [--languages L] [--role stakeholder|member_state|un_system|organiser] [--participation in_room|online]", "change a stakeholder's fields", cmd_stakeholder_edit, CLI_WRITES},
	{"stakeholder delete", "WHO", "delete a stakeholder (their withdrawn requests go too)", cmd_stakeholder_delete, CLI_WRITES},
	{"stakeholder checkin", "WHO [--undo]", "mark present at the desk (--undo: not present)", cmd_stakeholder_checkin, CLI_WRITES},
	{"stakeholder accredit", "WHO ecosoc|gcm|imrf_new|pending|refused|none", "record an accreditation decision (dated)", cmd_stakeholder_accredit, CLI_WRITES},
	{"queue add", "ITEM WHO [--kind KIND] [--slot S] [--to ENTRY] [--participation in_room|online] [--language L]", "put a speaker on an item's list", cmd_queue_add, CLI_WRITES},
	{"queue start", "ITEM [--expect ENTRY]", "give the floor to the proposed speaker", cmd_queue_start, CLI_WRITES},
	{"queue next", "ITEM [--expect ENTRY]", "end the speech, call the next speaker", cmd_queue_next, CLI_WRITES},
	{"queue end", "ITEM [--expect ENTRY]", "end the current speech", cmd_queue_end, CLI_WRITES},
	{"queue pause", "ITEM [--expect ENTRY]", "pause the speaker's clock", cmd_queue_pause, CLI_WRITES},
	{"queue resume", "ITEM [--expect ENTRY]", "resume the speaker's clock", cmd_queue_resume, CLI_WRITES},
	{"queue give", "ENTRY [--expect ENTRY]", "give the floor to a chosen waiting entry", cmd_queue_give, CLI_WRITES},
	{"queue withdraw", "ENTRY", "withdraw a waiting entry", cmd_queue_withdraw, CLI_WRITES},
	{"queue absent", "ENTRY", "mark a waiting entry absent", cmd_queue_absent, CLI_WRITES},
	{"queue requeue", "ENTRY", "put an absent entry back in its place", cmd_queue_requeue, CLI_WRITES},
	{"queue move", "ENTRY --to N", "move a waiting entry to place N", cmd_queue_move, CLI_WRITES},
	{"queue list", "ITEM [--json]", "the list, with the policy's proposal and why", cmd_queue_list, CLI_READS},
	{"queue stats", "[ITEM] [--json]", "the floor now, its shares against their targets; an item's pacing", cmd_queue_stats, CLI_READS},
	{"queue policy", "[fifo|first_time|balanced]", "show or set the meeting's ordering policy", cmd_queue_policy, CLI_WRITES},
	{"queue requests", "[--json]", "the form's requests to speak on no item's list", cmd_queue_requests, CLI_READS},
	{"queue place", "ITEM WHO", "put WHO's form request on ITEM's list", cmd_queue_place, CLI_WRITES},
	{"queue set", "ENTRY [--participation in_room|online] [--language L]", "an intervention online or in the room, its language", cmd_queue_set, CLI_WRITES},
	{"nominate", "WHO [--by WHO] [--role R] [--statement S]", "nominate someone (rapporteur by default)", cmd_nominate, CLI_WRITES},
	{"nomination set", "NOMINATION STATE", "accepted, declined, selected or not_selected", cmd_nomination_set, CLI_WRITES},
	{"nomination list", "[--json]", "the nominations with their tallies", cmd_nomination_list, CLI_READS},
	{"nomination edit", "NOMINATION [--role R] [--statement S]", "change a nomination's role or statement", cmd_nomination_edit, CLI_WRITES},
	{"nomination select", "--role R [--seats N] [--seed S] [--confirm]", "propose who fills a role's seats, and why (--confirm: decide)", cmd_nomination_select, CLI_WRITES},
	{"nomination delete", "NOMINATION", "delete a nomination made in error", cmd_nomination_delete, CLI_WRITES},
	{"panel propose", "ITEM", "propose one panellist per slot from the form's panel requests", cmd_panel_propose, CLI_READS},
	{"panel confirm", "ITEM [--swap SLOT=WHO]...", "make the proposal (with swaps) the item's panel", cmd_panel_confirm, CLI_WRITES},
	{"note", "ITEM TEXT [--theme T]...", "record a key point", cmd_note, CLI_WRITES},
	{"recommend", "ITEM TEXT [--by WHO]... [--gcm N]... [--theme T]...", "record a recommendation", cmd_recommend, CLI_WRITES},
	{"pledge", "ITEM TEXT --by WHO [--by WHO]... [--type policy|resources|partnership] [--gcm N]... [--theme T]...", "record a pledge", cmd_pledge, CLI_WRITES},
	{"nextstep", "ITEM TEXT [--theme T]...", "record a next step", cmd_nextstep, CLI_WRITES},
	{"respond", "OUTCOME TEXT [--by WHO]... [--theme T]...", "record the organisers' response to an outcome", cmd_respond, CLI_WRITES},
	{"outcome list", "[ITEM] [--json]", "notes, recommendations, pledges, next steps, responses", cmd_outcome_list, CLI_READS},
	{"outcome edit", "ID [--text T] [--by WHO]... [--gcm N]... [--no-gcm] [--type policy|resources|partnership] [--theme T]... [--no-theme]", "change an outcome", cmd_outcome_edit, CLI_WRITES},
	{"outcome delete", "ID", "delete an outcome", cmd_outcome_delete, CLI_WRITES},
	{"export summary", "[--format md|html|txt|json] [-o FILE] [--item ITEM] [--no-contacts] [--organise item|theme] [--attribution names|sectors|none] [--descriptions]", "the summary report", cmd_export_summary, CLI_READS},
	{"export speakers", "[--format csv|json] [-o FILE] [--item ITEM] [--no-contacts]", "the speakers' list", cmd_export_speakers, CLI_READS},
	{"undo", "[--session S]", "undo the last action of this terminal (or session S)", cmd_undo, CLI_WRITES},
	{"journal", "[--since T] [--session S] [--json]", "who did what, when", cmd_journal, CLI_READS},
	{"display", "[--interpreters]", "read-only live view for a projector (or one line for the booths)", cmd_display, CLI_WATCHES},
	{"demo", "", "the TUI on a demo database of the 2022 hearing", cli_demo, CLI_NO_DB},
	{"tui", "", "the TUI (also: no command)", cmd_tui, CLI_WRITES},
	{"completion", "", "print the bash completion script", cmd_completion, CLI_NO_DB},
};
const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];

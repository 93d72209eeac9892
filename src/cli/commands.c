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
	{"init", "[--title T] [--date YYYY-MM-DD] [--venue V]", "create a database; never overwrites", cmd_init, 0},
	{"import roster", "FILE [--dry-run]", "import the registration-form CSV", cmd_import_roster, 1},
	{"import agenda", "FILE", "import the programme file (items, speakers, time zone)", cmd_import_agenda, 1},
	{"agenda add", "--title T [--code C] [--start HH:MM] [--end HH:MM] [--kind K] [--parent ITEM] [--moderator M] [--description D]", "add an agenda item", cmd_agenda_add, 1},
	{"agenda list", "[--json]", "the programme", cmd_agenda_list, 1},
	{"agenda open", "ITEM [--end-speech|--carry-speech]", "make ITEM the live item (the one open ends)", cmd_agenda_open, 1},
	{"agenda close", "ITEM [--end-speech]", "end ITEM (its actual end time)", cmd_agenda_close, 1},
	{"agenda set", "ITEM [--policy fifo|first_time|balanced|meeting] [--title T] [--code C] [--start HH:MM] [--end HH:MM] [--kind K] [--moderator M] [--description D] | ITEM --speaking-time KIND=M:SS", "change an item, or its own speaking time for a kind (0:00: the meeting's)", cmd_agenda_set, 1},
	{"meeting show", "[--json]", "the meeting and its own settings", cmd_meeting_show, 1},
	{"meeting set", "[--title T] [--date YYYY-MM-DD] [--venue V] [--timezone ZONE] [--policy P] [--warning M:SS] [--speaking-time KIND=M:SS]... [--host H] [--purpose P] [--context C] [--introduction I] [--contact C] [--report-title T] [--report-subtitle S] [--link LABEL=URL]... [--no-links] [--balance-basis interventions|time] [--balance-scope item|meeting] [--max-passed K] [--migrants-first yes|no] [--quota DIM:VALUE=PERCENT]... [--seats ROLE=N]... [--seat-spread none|DIM,...] [--require-accreditation yes|no]", "change the meeting's settings, its balance and its report's words", cmd_meeting_set, 1},
	{"stakeholder add", "--name N [--sector S] [--org O] [--region R] [--country CC] [--gender G] [--email E] [--accreditation A] [--title T] [--languages L] [--role stakeholder|member_state|un_system|organiser] [--participation in_room|online] [--present]", "add a stakeholder (--present: a walk-in, checked in)", cmd_stakeholder_add, 1},
	{"stakeholder list", "[--json] [--present|--absent] [--participation in_room|online] [--accreditation A] [--count]", "the roster, or those present, online, pending ...", cmd_stakeholder_list, 1},
	{"stakeholder edit", "WHO [--name N] [--sector S] [--org O] [--region R] [--country CC] [--gender G] [--email E] [--accreditation A] [--title T] [--languages L] [--role stakeholder|member_state|un_system|organiser] [--participation in_room|online]", "change a stakeholder's fields", cmd_stakeholder_edit, 1},
	{"stakeholder delete", "WHO", "delete a stakeholder nothing refers to", cmd_stakeholder_delete, 1},
	{"stakeholder checkin", "WHO [--undo]", "mark present at the desk (--undo: not present)", cmd_stakeholder_checkin, 1},
	{"stakeholder accredit", "WHO ecosoc|gcm|imrf_new|pending|refused|none", "record an accreditation decision (dated)", cmd_stakeholder_accredit, 1},
	{"queue add", "ITEM WHO [--kind KIND] [--slot S] [--to ENTRY] [--participation in_room|online] [--language L]", "put a speaker on an item's list", cmd_queue_add, 1},
	{"queue start", "ITEM [--expect ENTRY]", "give the floor to the proposed speaker", cmd_queue_start, 1},
	{"queue next", "ITEM [--expect ENTRY]", "end the speech, call the next speaker", cmd_queue_next, 1},
	{"queue end", "ITEM [--expect ENTRY]", "end the current speech", cmd_queue_end, 1},
	{"queue pause", "ITEM [--expect ENTRY]", "pause the speaker's clock", cmd_queue_pause, 1},
	{"queue resume", "ITEM [--expect ENTRY]", "resume the speaker's clock", cmd_queue_resume, 1},
	{"queue give", "ENTRY [--expect ENTRY]", "give the floor to a chosen waiting entry", cmd_queue_give, 1},
	{"queue withdraw", "ENTRY", "withdraw a waiting entry", cmd_queue_withdraw, 1},
	{"queue absent", "ENTRY", "mark a waiting entry absent", cmd_queue_absent, 1},
	{"queue requeue", "ENTRY", "put an absent entry back in its place", cmd_queue_requeue, 1},
	{"queue move", "ENTRY --to N", "move a waiting entry to place N", cmd_queue_move, 1},
	{"queue list", "ITEM [--json]", "the list, with the policy's proposal and why", cmd_queue_list, 1},
	{"queue stats", "[ITEM] [--json]", "shares of the floor against their targets; an item's pacing", cmd_queue_stats, 1},
	{"queue policy", "[fifo|first_time|balanced]", "show or set the meeting's ordering policy", cmd_queue_policy, 1},
	{"queue requests", "[--json]", "the form's requests to speak on no item's list", cmd_queue_requests, 1},
	{"queue place", "ITEM WHO", "put WHO's form request on ITEM's list", cmd_queue_place, 1},
	{"queue set", "ENTRY [--participation in_room|online] [--language L]", "an intervention online or in the room, its language", cmd_queue_set, 1},
	{"nominate", "WHO [--by WHO] [--role R] [--statement S]", "nominate someone (rapporteur by default)", cmd_nominate, 1},
	{"nomination set", "NOMINATION STATE", "accepted, declined, selected or not_selected", cmd_nomination_set, 1},
	{"nomination list", "[--json]", "the nominations with their tallies", cmd_nomination_list, 1},
	{"nomination edit", "NOMINATION [--role R] [--statement S]", "change a nomination's role or statement", cmd_nomination_edit, 1},
	{"nomination select", "--role R [--seats N] [--seed S] [--confirm]", "propose who fills a role's seats, and why (--confirm: decide)", cmd_nomination_select, 1},
	{"nomination delete", "NOMINATION", "delete a nomination made in error", cmd_nomination_delete, 1},
	{"panel propose", "ITEM", "propose one panellist per slot from the form's panel requests", cmd_panel_propose, 1},
	{"panel confirm", "ITEM [--swap SLOT=WHO]...", "make the proposal (with swaps) the item's panel", cmd_panel_confirm, 1},
	{"note", "ITEM TEXT [--theme T]...", "record a key point", cmd_note, 1},
	{"recommend", "ITEM TEXT [--by WHO]... [--gcm N]... [--theme T]...", "record a recommendation", cmd_recommend, 1},
	{"pledge", "ITEM TEXT --by WHO [--by WHO]... [--type policy|resources|partnership] [--gcm N]... [--theme T]...", "record a pledge", cmd_pledge, 1},
	{"nextstep", "ITEM TEXT [--theme T]...", "record a next step", cmd_nextstep, 1},
	{"respond", "OUTCOME TEXT [--by WHO]... [--theme T]...", "record the organisers' response to an outcome", cmd_respond, 1},
	{"outcome list", "[ITEM] [--json]", "notes, recommendations, pledges, next steps, responses", cmd_outcome_list, 1},
	{"outcome edit", "ID [--text T] [--by WHO]... [--gcm N]... [--no-gcm] [--type policy|resources|partnership] [--theme T]... [--no-theme]", "change an outcome", cmd_outcome_edit, 1},
	{"outcome delete", "ID", "delete an outcome", cmd_outcome_delete, 1},
	{"export summary", "[--format md|html|txt|json] [-o FILE] [--item ITEM] [--no-contacts] [--organise item|theme] [--attribution names|sectors|none] [--descriptions]", "the summary report", cmd_export_summary, 1},
	{"export speakers", "[--format csv|json] [-o FILE] [--item ITEM] [--no-contacts]", "the speakers' list", cmd_export_speakers, 1},
	{"undo", "[--session S]", "undo the last action of this terminal (or session S)", cmd_undo, 1},
	{"journal", "[--since T] [--session S] [--json]", "who did what, when", cmd_journal, 1},
	{"display", "[--interpreters]", "read-only live view for a projector (or one line for the booths)", cmd_display, 1},
	{"demo", "", "the TUI on a demo database of the 2022 hearing", cli_demo, 0},
	{"tui", "", "the TUI (also: no command)", cmd_tui, 1},
	{"completion", "", "print the bash completion script", cmd_completion, 0},
};
const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];

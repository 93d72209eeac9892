/* Journal summaries: one line, bounded, cut between characters. */
#include "said.h"

#include "rostrum/agenda.h"
#include "rostrum/outcome.h"
#include "rostrum/queue.h"
#include "rostrum/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ELLIPSIS "…"
#define ELLIPSIS_BYTES (sizeof ELLIPSIS - 1)

/* The most of an organization or e-mail a person is told apart by. */
#define ALSO_SAID 40

/* The most of an item's title a line names it by: room is left for whom
 * and what. */
#define TITLE_SAID 60

/* Appends n bytes of p, or what fits of them and "…" (room for which is
 * always kept), line breaks and tabs as spaces. */
static void put(said *s, const char *p, size_t n)
{
	if (s->cut)
		return;
	size_t room = sizeof s->text - 1 - ELLIPSIS_BYTES - s->len;
	int cut = n > room;
	if (cut)
		n = rs_text_whole(p, room);
	for (size_t i = 0; i < n; i++)
		s->text[s->len++] = p[i] == '\n' || p[i] == '\r' || p[i] == '\t' ? ' ' : p[i];
	if (cut) {
		memcpy(s->text + s->len, ELLIPSIS, ELLIPSIS_BYTES);
		s->len += ELLIPSIS_BYTES;
		s->cut = 1;
	}
	s->text[s->len] = '\0';
}

void said_add(said *s, const char *fmt, ...)
{
	/* Longer than the summary holds: put cuts it before the end, where
	 * vsnprintf may have cut inside a character. */
	char piece[RS_SUMMARY_MAX + 8];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(piece, sizeof piece, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(s, piece, (size_t)n < sizeof piece ? (size_t)n : sizeof piece - 1);
}

void said_quote(said *s, const char *text, size_t max)
{
	const char *p = text ? text : "";
	size_t len = strlen(p);
	put(s, p, len > max ? rs_text_whole(p, max) : len);
	if (len > max)
		put(s, ELLIPSIS, ELLIPSIS_BYTES);
}

void said_change(said *s, const char *what, const char *was, const char *now, size_t max)
{
	said_add(s, "%s '", what);
	said_quote(s, was, max);
	said_add(s, "'" RS_CHANGED "'");
	said_quote(s, now, max);
	said_add(s, "'");
}

void said_list(said *s, const char *const *v, size_t n, size_t max)
{
	if (!n)
		said_add(s, "none");
	for (size_t i = 0; i < n; i++) {
		said_add(s, "%s", i ? ", " : "");
		said_quote(s, v[i], max);
	}
}

void said_item(said *s, rs_db *db, const char *prep, int64_t item_id)
{
	rs_agenda_item it = {0};
	if (rs_agenda_get(db, item_id, &it) == RS_OK) {
		said_add(s, " %s '", prep);
		said_quote(s, it.title, TITLE_SAID);
		said_add(s, "'");
	}
	rs_agenda_item_clear(&it);
}

int said_request(said *s, rs_db *db, int64_t entry_id)
{
	rs_queue_entry *e = NULL;
	size_t n = 0;
	if (rs_queue_entry_get(db, entry_id, &e, &n) != RS_OK || !n) {
		rs_queue_list_free(e, n);
		return 0;
	}
	said_add(s, "%s's request", e->name);
	if (e->item_id)
		said_item(s, db, "on", e->item_id);
	rs_queue_list_free(e, n);
	return 1;
}

void said_outcome(said *s, rs_db *db, int type, int64_t item_id)
{
	said_add(s, "%s", rs_outcome_type_words((rs_outcome_type)type));
	said_item(s, db, "on", item_id);
}

void said_person(said *s, const rs_stakeholder *person)
{
	const char *also =
		!rs_text_blank(person->organization) ? person->organization : person->email;
	said_add(s, "%s", person->name ? person->name : "");
	if (!rs_text_blank(also)) {
		said_add(s, " (");
		said_quote(s, also, ALSO_SAID);
		said_add(s, ")");
	}
}

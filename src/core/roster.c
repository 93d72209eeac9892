/* The roster as a list that scrolls, at any size (stakeholder.h).  A text
 * search is read once, as the set of ids it matches; the roster's order
 * is then walked from a key in an index that holds the order and the
 * views' columns, each person tested against that set.  A window is found
 * from the keys of the window read before it, or from the nearer end, so
 * moving a page reads about a page, and End reads the last rows only.
 * Whatever a walk passes is an index entry, never a row: the rows are read
 * by id once the window is known. */
#include "store_roster.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Ids spanning more than this are kept sorted and searched, not as bits. */
enum { BITMAP_MAX_BITS = 1 << 26 };

/* The ids a search matched: a bitmap over [lo, lo + span) when the ids
 * are that close together (the core gives ids in order, so they are),
 * else the sorted ids. */
typedef struct {
	int64_t *ids;
	size_t n, cap;
	int failed; /* out of memory while adding */
	unsigned char *bits;
	int64_t lo, span;
} id_set;

struct rs_roster_list {
	rs_db *db;
	rs_roster_view v; /* pointing at the copies below */
	char *text, *participation, *accreditation;
	int searched;   /* the text has words: only the set's ids are shown */
	int whole_view; /* the view asks nothing beyond the text */
	id_set set;
	int64_t total;
	/* The window read last: the keys of the rows [top, top + n). */
	int64_t top;
	size_t n;
	int64_t *ids;
	char **keys;
};

static void set_add(int64_t id, void *ctx)
{
	id_set *s = ctx;
	if (s->failed)
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		int64_t *grown = realloc(s->ids, cap * sizeof *grown);
		if (!grown) {
			s->failed = 1;
			return;
		}
		s->ids = grown;
		s->cap = cap;
	}
	s->ids[s->n++] = id;
}

/* The sorted ids as bits when they are close enough together. */
static void set_compact(id_set *s)
{
	if (!s->n || s->ids[s->n - 1] - s->ids[0] >= BITMAP_MAX_BITS)
		return;
	s->lo = s->ids[0];
	s->span = s->ids[s->n - 1] - s->lo + 1;
	s->bits = calloc((size_t)(s->span + 7) / 8, 1);
	if (!s->bits)
		return;
	for (size_t i = 0; i < s->n; i++) {
		int64_t b = s->ids[i] - s->lo;
		s->bits[b >> 3] |= (unsigned char)(1u << (b & 7));
	}
	free(s->ids);
	s->ids = NULL;
	s->cap = 0;
}

static int set_has(const id_set *s, int64_t id)
{
	if (s->bits) {
		int64_t b = id - s->lo;
		return b >= 0 && b < s->span && (s->bits[b >> 3] >> (b & 7) & 1);
	}
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->ids[lo] == id;
}

static void set_free(id_set *s)
{
	free(s->ids);
	free(s->bits);
	memset(s, 0, sizeof *s);
}

static void forget_window(rs_roster_list *l, size_t keep)
{
	for (size_t i = keep; i < l->n; i++)
		free(l->keys[i]);
	l->n = keep < l->n ? keep : l->n;
}

/* ---- walking the order ------------------------------------------------------ */

static int member(const rs_roster_list *l, int64_t id)
{
	return !l->searched || set_has(&l->set, id);
}

/* A cursor over the order and what it is after: to pass `pass` people and
 * stop on the next (INT64_MAX: to count them all, to the end). */
typedef struct {
	store_roster_cursor *c;
	int backward;
	int64_t pass, seen;
	int64_t id;  /* the person it stopped on */
	int state;   /* WALKING, then AT_GOAL or AT_END */
} walker;

enum { WALKING, AT_GOAL, AT_END };

static rs_status walker_open(rs_roster_list *l, walker *w, const rs_roster_key *from,
			     int backward, int inclusive, int64_t pass)
{
	*w = (walker){.backward = backward, .pass = pass};
	return store_roster_open(l->db, &l->v, from, backward, inclusive, &w->c);
}

/* One index entry further: 1 once the walker is done, 0 while it walks,
 * -1 on a failure. */
static int advance(const rs_roster_list *l, walker *w)
{
	int64_t id;
	int r = store_roster_next(w->c, &id);
	if (r <= 0) {
		w->state = AT_END;
		return r < 0 ? -1 : 1;
	}
	if (!member(l, id))
		return 0;
	if (w->seen == w->pass) {
		w->id = id;
		w->state = AT_GOAL;
		return 1;
	}
	w->seen++;
	return 0;
}

/* Steps the walkers in turn, an index entry each, until one reaches its
 * goal (or, counting, the end): where the people sought lie in the order
 * is not known, so every way there is tried at once and the shortest wins
 * at no more than n times its own length.  Returns the winner, or -1 when
 * none got there (each reached the end first: the list's count is older
 * than the roster) or on a failure (*rc set, rs_error() saying why). */
static int race(const rs_roster_list *l, walker *w, int n, int counting, rs_status *rc)
{
	for (int running = n; running > 0;) {
		running = 0;
		for (int i = 0; i < n; i++) {
			if (w[i].state != WALKING)
				continue;
			int r = advance(l, &w[i]);
			if (r < 0) {
				*rc = RS_ERR_RUNTIME;
				return -1;
			}
			if (w[i].state == (counting ? AT_END : AT_GOAL))
				return i;
			running += w[i].state == WALKING;
		}
	}
	return -1;
}

static void walkers_close(walker *w, int n)
{
	for (int i = 0; i < n; i++)
		store_roster_close(w[i].c);
}

/* ---- the list ----------------------------------------------------------------- */

static rs_status count(rs_roster_list *l)
{
	set_free(&l->set);
	rs_status rc = store_roster_search(l->db, l->text, set_add, &l->set, &l->searched);
	if (rc == RS_OK && l->set.failed)
		rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
	if (rc)
		return rc;
	set_compact(&l->set);
	if (!l->searched)
		return store_roster_count(l->db, &l->v, &l->total);
	if (l->whole_view) {
		l->total = (int64_t)l->set.n;
		return RS_OK;
	}
	walker w;
	rc = walker_open(l, &w, NULL, 0, 0, INT64_MAX);
	if (rc == RS_OK && race(l, &w, 1, 1, &rc) < 0 && rc == RS_OK)
		rc = rs_fail(RS_ERR_RUNTIME, "count the roster");
	l->total = w.seen;
	walkers_close(&w, 1);
	return rc;
}

static int copy(const char *s, char **out)
{
	*out = NULL;
	return !s || (*out = strdup(s)) != NULL;
}

rs_status rs_roster_list_open(rs_db *db, const rs_roster_view *v, rs_roster_list **out)
{
	rs_roster_list *l = calloc(1, sizeof *l);
	*out = NULL;
	if (!l || !copy(v->text, &l->text) || !copy(v->participation, &l->participation) ||
	    !copy(v->accreditation, &l->accreditation)) {
		rs_roster_list_free(l);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	l->db = db;
	l->v = (rs_roster_view){l->text, v->present < 0 ? -1 : v->present, l->participation,
				l->accreditation};
	l->whole_view = l->v.present < 0 && !l->participation && !l->accreditation;
	rs_db_read_begin(db);
	rs_status rc = count(l);
	rs_db_read_end(db);
	if (rc) {
		rs_roster_list_free(l);
		return rc;
	}
	*out = l;
	return RS_OK;
}

int64_t rs_roster_list_total(const rs_roster_list *l)
{
	return l->total;
}

/* The window's row i as a key. */
static rs_roster_key key_at(const rs_roster_list *l, size_t i)
{
	return (rs_roster_key){l->keys[i], l->ids[i]};
}

/* Takes the person w stopped on, and those after it up to limit, into
 * ids and keys. */
static size_t take(const rs_roster_list *l, walker *w, int64_t limit, int64_t *ids, char **keys,
		   rs_status *rc)
{
	size_t n = 0;
	while (w->state == AT_GOAL && (int64_t)n < limit) {
		if (!(keys[n] = strdup(store_roster_key(w->c)))) {
			*rc = rs_fail(RS_ERR_RUNTIME, "out of memory");
			break;
		}
		ids[n++] = w->id;
		/* The goal does not count as passed: the next person is one. */
		w->state = WALKING;
		int r = 0;
		while ((int64_t)n < limit && (r = advance(l, w)) == 0)
			;
		if ((int64_t)n < limit && r < 0)
			*rc = RS_ERR_RUNTIME;
	}
	return n;
}

/* Reads the keys of [top, top + limit) into the window.  Row top is sought
 * from every place known at once (the first row, the last, the window read
 * before: see race); one that went backward gives its key, from which the
 * window is read forward. */
static rs_status find_window(rs_roster_list *l, int64_t top, int64_t limit, int64_t *ids,
			     char **keys, size_t *n)
{
	walker w[3];
	int nw = 0;
	rs_status rc = RS_OK;
	int64_t end = l->top + (int64_t)l->n;
	rs_roster_key at;
	if (l->n && top >= l->top && top < end) {
		at = key_at(l, (size_t)(top - l->top));
		rc = walker_open(l, &w[nw++], &at, 0, 1, 0);
	} else {
		rc = walker_open(l, &w[nw++], NULL, 0, 0, top);
		if (rc == RS_OK)
			rc = walker_open(l, &w[nw++], NULL, 1, 0, l->total - 1 - top);
		if (rc == RS_OK && l->n && top >= end) {
			at = key_at(l, l->n - 1);
			rc = walker_open(l, &w[nw++], &at, 0, 0, top - end);
		} else if (rc == RS_OK && l->n) {
			at = key_at(l, 0);
			rc = walker_open(l, &w[nw++], &at, 1, 0, l->top - top - 1);
		}
	}
	int won = rc == RS_OK ? race(l, w, nw, 0, &rc) : -1;
	if (won >= 0 && w[won].backward) {
		/* From the key of row top, forward. */
		char *key = strdup(store_roster_key(w[won].c));
		at = (rs_roster_key){key, w[won].id};
		walkers_close(w, nw);
		nw = 0;
		rc = key ? walker_open(l, &w[nw++], &at, 0, 1, 0) : rs_fail(RS_ERR_RUNTIME,
									   "out of memory");
		free(key);
		won = rc == RS_OK ? race(l, w, nw, 0, &rc) : -1;
	}
	*n = won >= 0 ? take(l, &w[won], limit, ids, keys, &rc) : 0;
	walkers_close(w, nw);
	return rc;
}

rs_status rs_roster_list_read(rs_roster_list *l, int64_t top, int64_t limit, rs_stakeholder_cb cb,
			      void *ctx)
{
	if (top < 0)
		top = 0;
	if (limit < 0 || limit > l->total - top)
		limit = l->total - top;
	if (limit <= 0) {
		forget_window(l, 0);
		return RS_OK;
	}
	int64_t *ids = calloc((size_t)limit, sizeof *ids);
	char **keys = calloc((size_t)limit, sizeof *keys);
	if (!ids || !keys) {
		free(ids);
		free(keys);
		return rs_fail(RS_ERR_RUNTIME, "out of memory");
	}
	size_t n = 0;
	rs_db_read_begin(l->db);
	rs_status rc = find_window(l, top, limit, ids, keys, &n);
	/* The old window's keys may have been a walk's start: freed only now. */
	forget_window(l, 0);
	free(l->ids);
	free(l->keys);
	l->ids = ids;
	l->keys = keys;
	l->top = top;
	l->n = n;
	if (rc == RS_OK)
		rc = store_roster_rows(l->db, l->ids, l->n, cb, ctx);
	else
		forget_window(l, 0);
	rs_db_read_end(l->db);
	return rc;
}

/* The row of key `at` in the list (counted afresh): the people before it
 * counted, or those from it on, whichever end is nearer finishing first. */
static rs_status row_of_key(rs_roster_list *l, const rs_roster_key *at, int64_t *row)
{
	walker w[2];
	int nw = 0;
	rs_status rc = walker_open(l, &w[nw++], at, 1, 0, INT64_MAX);
	if (rc == RS_OK)
		rc = walker_open(l, &w[nw++], at, 0, 1, INT64_MAX);
	int won = rc == RS_OK ? race(l, w, nw, 1, &rc) : -1;
	if (won >= 0)
		*row = w[won].backward ? w[won].seen : l->total - w[won].seen;
	walkers_close(w, nw);
	return rc;
}

rs_status rs_roster_list_refresh(rs_roster_list *l, int64_t *top)
{
	rs_db_read_begin(l->db);
	rs_status rc = count(l);
	int64_t at = 0;
	if (rc == RS_OK && l->n) {
		rs_roster_key first = key_at(l, 0);
		rc = row_of_key(l, &first, &at);
	}
	rs_db_read_end(l->db);
	forget_window(l, rc == RS_OK ? 1 : 0);
	l->top = at;
	if (top)
		*top = at;
	return rc;
}

rs_status rs_roster_list_row_of(rs_roster_list *l, int64_t id, int64_t *row)
{
	*row = -1;
	char *key = NULL;
	rs_db_read_begin(l->db);
	rs_status rc = member(l, id) ? store_roster_key_of(l->db, id, &key) : RS_OK;
	if (rc == RS_OK && key) {
		/* At the key, forward: the person, when the view shows them. */
		rs_roster_key at = {key, id};
		walker w;
		rc = walker_open(l, &w, &at, 0, 1, 0);
		int shown = rc == RS_OK && race(l, &w, 1, 0, &rc) == 0 && w.id == id;
		walkers_close(&w, 1);
		if (shown)
			rc = row_of_key(l, &at, row);
	}
	rs_db_read_end(l->db);
	free(key);
	return rc;
}

void rs_roster_list_free(rs_roster_list *l)
{
	if (!l)
		return;
	forget_window(l, 0);
	free(l->ids);
	free(l->keys);
	set_free(&l->set);
	free(l->text);
	free(l->participation);
	free(l->accreditation);
	free(l);
}

rs_status rs_roster_count(rs_db *db, const rs_roster_view *v, int64_t *n)
{
	rs_roster_list *l;
	rs_status rc = rs_roster_list_open(db, v, &l);
	*n = rc == RS_OK ? l->total : 0;
	rs_roster_list_free(l);
	return rc;
}

rs_status rs_stakeholder_count_matching(rs_db *db, const char *filter, int64_t *n)
{
	rs_roster_view v = {.text = filter, .present = -1};
	return rs_roster_count(db, &v, n);
}

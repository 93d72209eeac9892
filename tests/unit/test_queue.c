/* The queue's state machine on a real database, pause accounting, and the
 * journal every action leaves. */
#include "testutil.h"

#include <sqlite3.h>

#include "rostrum/agenda.h"
#include "rostrum/meeting.h"
#include "rostrum/queue.h"
#include "rostrum/stakeholder.h"

#define T0 1652709600 /* 2022-05-16T14:00:00Z */

typedef struct {
	rs_db *db;
	int64_t item;
	int64_t who[3];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	tu_at(T0);
	f->db = tu_new_db();
	assert_int_equal(rs_meeting_init(f->db, "Hearing", "2022-05-16", NULL, NULL), RS_OK);
	rs_agenda_new item = {.code = "thematic-1", .title = "Thematic discussion I"};
	assert_int_equal(rs_agenda_add(f->db, &item, &f->item), RS_OK);
	f->who[0] = tu_person(f->db, "Ana Ruiz", "migrant", "ana@example.org");
	f->who[1] = tu_person(f->db, "Ben Okoro", "academia", "ben@example.org");
	f->who[2] = tu_person(f->db, "王芳", "media", "wang@example.org");
	*state = f;
	return 0;
}


static rs_queue_entry *entry(rs_queue_entry *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	fail_msg("entry %lld not listed", (long long)id);
	return NULL;
}

static void hearing_with_a_pause(void **state)
{
	fixture *f = *state;
	int64_t e[3], now;
	for (int i = 0; i < 3; i++) {
		tu_at(T0 + i);
		assert_int_equal(rs_queue_add(f->db, f->item, f->who[i], NULL, &e[i]), RS_OK);
	}
	tu_at(T0 + 10);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e[0]);
	tu_at(T0 + 70);
	assert_int_equal(rs_queue_pause(f->db, f->item, &now), RS_OK);
	tu_at(T0 + 100);
	assert_int_equal(rs_queue_resume(f->db, f->item, &now), RS_OK);
	tu_at(T0 + 130);
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e[1]);
	tu_at(T0 + 190);
	assert_int_equal(rs_queue_end(f->db, f->item, &now), RS_OK);

	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(n, 3);
	rs_queue_entry *a = entry(v, n, e[0]), *b = entry(v, n, e[1]), *c = entry(v, n, e[2]);
	assert_int_equal(a->state, QS_SPOKEN);
	assert_int_equal(a->started_at, T0 + 10);
	assert_int_equal(a->ended_at, T0 + 130);
	assert_int_equal(a->paused_seconds, 30);
	assert_int_equal(rs_queue_entry_seconds(a, T0 + 999), 90); /* 120 less the 30 s pause */
	assert_int_equal(b->state, QS_SPOKEN);
	assert_int_equal(rs_queue_entry_seconds(b, T0 + 999), 60);
	assert_int_equal(c->state, QS_WAITING);
	assert_int_equal(c->position, 1);
	assert_int_equal(v[0].id, e[2]); /* the waiting list comes before those who spoke */
	rs_queue_list_free(v, n);
}

static void seconds_while_paused_and_ended_in_pause(void **state)
{
	fixture *f = *state;
	int64_t e, now;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], "panel", &e), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	tu_at(T0 + 40);
	assert_int_equal(rs_queue_pause(f->db, f->item, &now), RS_OK);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(v[0].state, QS_PAUSED);
	assert_int_equal(rs_queue_entry_seconds(&v[0], T0 + 500), 40); /* the clock stands */
	assert_int_equal(rs_queue_entry_allotted(&v[0]), 300);
	rs_queue_list_free(v, n);
	tu_at(T0 + 100);
	assert_int_equal(rs_queue_end(f->db, f->item, &now), RS_OK);
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(v[0].state, QS_SPOKEN);
	assert_int_equal(v[0].paused_seconds, 60);
	assert_int_equal(rs_queue_entry_seconds(&v[0], T0 + 500), 40);
	rs_queue_list_free(v, n);
}

static void illegal_moves_are_refused_and_change_nothing(void **state)
{
	fixture *f = *state;
	int64_t e0, e1, now;
	assert_int_equal(rs_queue_pause(f->db, f->item, &now), RS_ERR_INVALID);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "nobody is waiting"));
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_ERR_INVALID);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e0), RS_OK);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e1), RS_ERR_INVALID);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], "speech", &e1), RS_ERR_INVALID);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &e1), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "already has the floor"));
	assert_int_equal(rs_queue_withdraw(f->db, e0), RS_ERR_INVALID); /* speaking */
	assert_non_null(strstr(rs_error(), "is speaking and cannot become withdrawn"));
	assert_int_equal(rs_queue_resume(f->db, f->item, &now), RS_ERR_INVALID);
	assert_int_equal(rs_queue_absent(f->db, e1), RS_OK);
	assert_int_equal(rs_queue_absent(f->db, e1), RS_ERR_INVALID);
	assert_int_equal(rs_queue_requeue(f->db, e1), RS_OK);
	assert_int_equal(rs_queue_withdraw(f->db, e1), RS_OK);
	assert_int_equal(rs_queue_requeue(f->db, e1), RS_ERR_INVALID);
	assert_int_equal(rs_queue_withdraw(f->db, 9999), RS_ERR_INVALID);

	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(entry(v, n, e0)->state, QS_SPEAKING);
	assert_int_equal(entry(v, n, e1)->state, QS_WITHDRAWN);
	rs_queue_list_free(v, n);
}

static void point_of_order_goes_first(void **state)
{
	fixture *f = *state;
	int64_t e[3], now;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e[0]), RS_OK);
	tu_at(T0 + 5);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &e[1]), RS_OK);
	tu_at(T0 + 9);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[2], "point_of_order", &e[2]), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, e[2]);
}

/* The waiting list's ids in order, for the moves below. */
static void waiting(fixture *f, const int64_t *want, size_t n_want)
{
	rs_queue_entry *v;
	size_t n, k = 0;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].state == QS_WAITING) {
			assert_true(k < n_want);
			assert_int_equal(v[i].id, want[k]);
			assert_int_equal(v[i].position, (int)++k);
		}
	assert_int_equal(k, n_want);
	rs_queue_list_free(v, n);
}

static void moderator_moves_entries_up_and_down(void **state)
{
	fixture *f = *state;
	int64_t a, b, c, d, pos, now;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &a), RS_OK);
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &b), RS_OK);
	tu_at(T0 + 2);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[2], NULL, &c), RS_OK);
	assert_int_equal(rs_queue_move(f->db, c, -1), RS_OK);
	waiting(f, (int64_t[]){a, c, b}, 3);
	assert_int_equal(rs_queue_move(f->db, a, +1), RS_OK);
	waiting(f, (int64_t[]){c, a, b}, 3);

	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_string_equal(v[0].reason, "in the moderator's order");
	assert_int_equal(v[0].manual_rank, 1);
	assert_int_equal(v[1].manual_rank, 2);
	/* b, below the places the moves took, is the policy's still. */
	assert_int_equal(v[2].id, b);
	assert_int_equal(v[2].manual_rank, 0);
	assert_non_null(strstr(v[2].reason, "first come"));
	rs_queue_list_free(v, n);

	/* Refusals: the edges, a bad step, a point of order, no such entry. */
	assert_int_equal(rs_queue_move(f->db, c, -1), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "王芳 is already first on the list");
	assert_int_equal(rs_queue_move(f->db, b, +1), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "already last"));
	assert_int_equal(rs_queue_move(f->db, b, -2), RS_ERR_INVALID);
	assert_int_equal(rs_queue_move(f->db, 999, -1), RS_ERR_INVALID);
	tu_at(T0 + 3);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], "point_of_order", &pos), RS_OK);
	assert_int_equal(rs_queue_move(f->db, pos, +1), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "point of order"));
	waiting(f, (int64_t[]){pos, c, a, b}, 4);
	/* Moving c down past nothing but the point of order is not "first". */
	assert_int_equal(rs_queue_move(f->db, c, -1), RS_ERR_INVALID);

	/* Someone new goes after those placed by hand, even with the
	 * earliest request, and before b by it; and can be moved. */
	int64_t who = tu_person(f->db, "Dana Kim", "youth", "dana@example.org");
	tu_at(T0 - 100);
	assert_int_equal(rs_queue_add(f->db, f->item, who, NULL, &d), RS_OK);
	waiting(f, (int64_t[]){pos, c, a, d, b}, 5);
	assert_int_equal(rs_queue_move(f->db, d, -1), RS_OK);
	waiting(f, (int64_t[]){pos, c, d, a, b}, 5);

	/* Whoever is not waiting cannot be moved. */
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, pos);
	assert_int_equal(rs_queue_move(f->db, pos, -1), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "is speaking, not waiting"));
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, c);
	waiting(f, (int64_t[]){d, a, b}, 3);
}

static void journal_counts(rs_db *db, const char *action, int *events, int *changes);

/* A move ranks the places down to where the entry went, no further:
 * those below keep the policy's places and reasons, and the journal holds
 * the ranks that changed, not one per entry. */
static void a_move_places_the_top_of_the_list_only(void **state)
{
	fixture *f = *state;
	int64_t e[5];
	for (int i = 0; i < 5; i++) {
		char name[16], email[32];
		snprintf(name, sizeof name, "P%d", i);
		snprintf(email, sizeof email, "p%d@example.org", i);
		tu_at(T0 + i);
		assert_int_equal(rs_queue_add(f->db, f->item, tu_person(f->db, name, "youth", email),
					      NULL, &e[i]),
				 RS_OK);
	}
	assert_int_equal(rs_queue_move_to(f->db, e[1], 1), RS_OK);
	waiting(f, (int64_t[]){e[1], e[0], e[2], e[3], e[4]}, 5);
	int events, changes;
	journal_counts(f->db, "queue.move", &events, &changes);
	assert_int_equal(events, 1);
	assert_int_equal(changes, 1);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++) {
		int placed = v[i].id == e[1];
		assert_int_equal(v[i].manual_rank > 0, placed);
		assert_int_equal(strstr(v[i].reason, "in the moderator's order") != NULL, placed);
	}
	rs_queue_list_free(v, n);
	/* Moved down: those it passed are placed above it. */
	assert_int_equal(rs_queue_move_to(f->db, e[1], 3), RS_OK);
	waiting(f, (int64_t[]){e[0], e[2], e[1], e[3], e[4]}, 5);
	/* Moved up past placed ones: they move down a place, still placed. */
	assert_int_equal(rs_queue_move_to(f->db, e[4], 2), RS_OK);
	waiting(f, (int64_t[]){e[0], e[4], e[2], e[1], e[3]}, 5);
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].manual_rank > 0, v[i].id != e[3]);
	rs_queue_list_free(v, n);
}

/* A reply goes with the speech it answers: moved, the speech takes its
 * replies along; nothing is moved in between, nor the reply itself; K and J
 * step past a speech and its reply at once; a reply to a speech given goes
 * first by rule, and no move puts anyone before it.  Each refusal says
 * which places a move can give, and changes nothing. */
static void a_reply_goes_with_the_speech_it_answers(void **state)
{
	fixture *f = *state;
	int64_t s, x, y, r, z, now;
	tu_at(T0);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &s), RS_OK);
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &x), RS_OK);
	tu_at(T0 + 2);
	rs_queue_new reply = {.item_id = f->item, .stakeholder_id = f->who[2], .kind = "reply",
			      .reply_to = s};
	assert_int_equal(rs_queue_add_entry(f->db, &reply, &r), RS_OK);
	tu_at(T0 + 3);
	int64_t dana = tu_person(f->db, "Dana Kim", "youth", "dana@example.org");
	assert_int_equal(rs_queue_add(f->db, f->item, dana, NULL, &y), RS_OK);
	waiting(f, (int64_t[]){s, r, x, y}, 4);

	/* The speech to place 2: its reply follows it there. */
	assert_int_equal(rs_queue_move_to(f->db, s, 2), RS_OK);
	waiting(f, (int64_t[]){x, s, r, y}, 4);
	/* J on the speech steps past y; K on y steps past the speech and its
	 * reply. */
	assert_int_equal(rs_queue_move(f->db, s, +1), RS_OK);
	waiting(f, (int64_t[]){x, y, s, r}, 4);
	assert_int_equal(rs_queue_move(f->db, s, -1), RS_OK);
	waiting(f, (int64_t[]){x, s, r, y}, 4);
	assert_int_equal(rs_queue_move(f->db, y, -1), RS_OK);
	waiting(f, (int64_t[]){x, y, s, r}, 4);

	int events, changes, events_after, changes_after;
	journal_counts(f->db, "queue.move", &events, &changes);
	assert_int_equal(rs_queue_move_to(f->db, x, 3), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Ben Okoro cannot go to place 3, between a speech and the"
					" reply that follows it: place 2 or 4");
	assert_int_equal(rs_queue_move_to(f->db, r, 1), RS_ERR_INVALID);
	assert_non_null(strstr(rs_error(), "is a reply: it stays right after the speech it answers"));
	assert_int_equal(rs_queue_move(f->db, r, -1), RS_ERR_INVALID);
	assert_int_equal(rs_queue_move(f->db, s, +1), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Ana Ruiz is already last on the list");
	journal_counts(f->db, "queue.move", &events_after, &changes_after);
	assert_int_equal(events_after, events);
	assert_int_equal(changes_after, changes);
	waiting(f, (int64_t[]){x, y, s, r}, 4);

	/* Ana's speech given, the reply to it goes first: nobody goes
	 * before it, and whoever follows it is first already. */
	assert_int_equal(rs_queue_move_to(f->db, s, 1), RS_OK);
	waiting(f, (int64_t[]){s, r, x, y}, 4);
	assert_int_equal(rs_queue_next(f->db, f->item, &now), RS_OK);
	assert_int_equal(now, s);
	assert_int_equal(rs_queue_floor(f->db, RS_FLOOR_END, f->item, RS_EXPECT_ANY, &now), RS_OK);
	tu_at(T0 + 4);
	int64_t eve = tu_person(f->db, "Eve Tan", "media", "eve@example.org");
	assert_int_equal(rs_queue_add(f->db, f->item, eve, NULL, &z), RS_OK);
	waiting(f, (int64_t[]){r, x, y, z}, 4);
	assert_int_equal(rs_queue_move_to(f->db, z, 1), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Eve Tan cannot go before the reply to a speech given:"
					" place 2 is the first a move can give");
	assert_int_equal(rs_queue_move(f->db, x, -1), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Ben Okoro is already first after the reply to a speech"
					" given, which the rule puts first");
	assert_int_equal(rs_queue_move_to(f->db, z, 2), RS_OK);
	waiting(f, (int64_t[]){r, z, x, y}, 4);
	rs_queue_entry *v;
	size_t n;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	assert_int_equal(entry(v, n, r)->manual_rank, 0);
	assert_non_null(strstr(entry(v, n, r)->reason, "reply to Ana Ruiz"));
	rs_queue_list_free(v, n);
}

/* A reply to a point of order waits right after it, among what the rule
 * puts first, even with another point of order after it: the floor below
 * is still the moderator's to move. */
static void a_reply_among_the_points_of_order_leaves_the_floor_movable(void **state)
{
	fixture *f = *state;
	int64_t x, y, p1, p2, r;
	tu_at(T0);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &x), RS_OK);
	tu_at(T0 + 1);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[1], NULL, &y), RS_OK);
	tu_at(T0 + 2);
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[2], "point_of_order", &p1), RS_OK);
	tu_at(T0 + 3);
	int64_t dana = tu_person(f->db, "Dana Kim", "youth", "dana@example.org");
	int64_t eve = tu_person(f->db, "Eve Tan", "media", "eve@example.org");
	assert_int_equal(rs_queue_add(f->db, f->item, dana, "point_of_order", &p2), RS_OK);
	rs_queue_new reply = {.item_id = f->item, .stakeholder_id = eve, .kind = "reply",
			      .reply_to = p1};
	assert_int_equal(rs_queue_add_entry(f->db, &reply, &r), RS_OK);
	waiting(f, (int64_t[]){p1, r, p2, x, y}, 5);
	assert_int_equal(rs_queue_move_to(f->db, y, 4), RS_OK);
	waiting(f, (int64_t[]){p1, r, p2, y, x}, 5);
	assert_int_equal(rs_queue_move_to(f->db, x, 3), RS_ERR_INVALID);
	assert_string_equal(rs_error(), "Ana Ruiz cannot go before the 2 points of order and the"
					" reply to a speech given: place 4 is the first a move can"
					" give");
}

/* The waiting ids in the list's order into ids (at most 200); how many. */
static size_t waiting_ids(fixture *f, int64_t *ids)
{
	rs_queue_entry *v;
	size_t n, k = 0;
	assert_int_equal(rs_queue_list(f->db, f->item, &v, &n), RS_OK);
	for (size_t i = 0; i < n && k < 200; i++)
		if (v[i].state == QS_WAITING)
			ids[k++] = v[i].id;
	rs_queue_list_free(v, n);
	return k;
}

/* ids with the entry at `from` (0-based) moved to `to`. */
static void moved(int64_t *ids, size_t from, size_t to)
{
	int64_t e = ids[from];
	if (to < from)
		memmove(ids + to + 1, ids + to, (from - to) * sizeof *ids);
	else
		memmove(ids + from, ids + from + 1, (to - from) * sizeof *ids);
	ids[to] = e;
}

/* Moves far down a list of 150 (read only as far as they go, further
 * when the entry was not found): the list is the one shown with the entry
 * moved, under fifo whole, under balanced down to the entry's new place
 * (the rest is the policy's, which counts the entry as heard first). */
static void a_move_far_down_a_long_list_is_the_list_shown_moved(void **state)
{
	fixture *f = *state;
	static const char *const sectors[] = {"migrant", "academia", "media", "youth", "faith"};
	for (int i = 0; i < 150; i++) {
		char name[16], email[32];
		snprintf(name, sizeof name, "L%03d", i);
		snprintf(email, sizeof email, "l%d@example.org", i);
		int64_t e;
		tu_at(T0 + i);
		assert_int_equal(rs_queue_add(f->db, f->item,
					      tu_person(f->db, name, sectors[i % 5], email), NULL, &e),
				 RS_OK);
	}
	static const struct {
		size_t from, to; /* 0-based places */
		int by;          /* a step (K, J) rather than a place */
	} moves[] = {{120, 1, 0}, {90, 89, 1}, {5, 70, 0}, {140, 141, 1}, {149, 0, 0}};
	for (int policy = 0; policy < 3; policy += 2) {
		assert_int_equal(rs_meeting_set_policy(f->db, (rs_policy)policy), RS_OK);
		for (size_t m = 0; m < sizeof moves / sizeof moves[0]; m++) {
			int64_t before[200], after[200];
			size_t n = waiting_ids(f, before);
			assert_int_equal(n, 150);
			int64_t id = before[moves[m].from];
			assert_int_equal(moves[m].by ? rs_queue_move(f->db, id, moves[m].to > moves[m].from
										       ? +1 : -1)
						     : rs_queue_move_to(f->db, id, (int)moves[m].to + 1),
					 RS_OK);
			moved(before, moves[m].from, moves[m].to);
			assert_int_equal(waiting_ids(f, after), 150);
			size_t same = policy == POLICY_FIFO ? 150 : moves[m].to + 1;
			for (size_t i = 0; i < same; i++)
				assert_int_equal(after[i], before[i]);
		}
	}
}

/* Counts journal events of an action and the changes recorded against them. */
static void journal_counts(rs_db *db, const char *action, int *events, int *changes)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(rs_db_path(db), &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h,
					    "SELECT count(DISTINCT e.id), count(c.id) FROM event e"
					    " LEFT JOIN change c ON c.event_id = e.id"
					    " WHERE e.action = ? AND e.open = 0",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*events = sqlite3_column_int(st, 0);
	*changes = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static void every_action_is_journalled(void **state)
{
	fixture *f = *state;
	int64_t e, now;
	int events, changes;
	assert_int_equal(rs_queue_add(f->db, f->item, f->who[0], NULL, &e), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_OK);
	assert_int_equal(rs_queue_start(f->db, f->item, &now), RS_ERR_INVALID);
	journal_counts(f->db, "queue.add", &events, &changes);
	assert_int_equal(events, 1);
	assert_int_equal(changes, 1); /* the entry (the journal is its record of states) */
	journal_counts(f->db, "queue.start", &events, &changes);
	assert_int_equal(events, 1); /* the refused start left nothing */
	assert_int_equal(changes, 3); /* the item opened and started, the entry's update */

	/* A write outside an action is refused by the schema itself. */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(rs_db_path(f->db), &h), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "UPDATE stakeholder SET name = 'x'", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hearing_with_a_pause, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(seconds_while_paused_and_ended_in_pause, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(illegal_moves_are_refused_and_change_nothing, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(point_of_order_goes_first, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(every_action_is_journalled, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(moderator_moves_entries_up_and_down, setup, tu_teardown),
		cmocka_unit_test_setup_teardown(a_reply_among_the_points_of_order_leaves_the_floor_movable,
						setup, tu_teardown),
		cmocka_unit_test_setup_teardown(a_reply_goes_with_the_speech_it_answers, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_move_places_the_top_of_the_list_only, setup,
						tu_teardown),
		cmocka_unit_test_setup_teardown(a_move_far_down_a_long_list_is_the_list_shown_moved,
						setup, tu_teardown),
	};
	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}

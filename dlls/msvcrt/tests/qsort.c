/* qsort and bsearch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vinetest.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct rec { int key; int order; };
static int cmp_rec(const void *a, const void *b)
{
    return ((const struct rec *)a)->key - ((const struct rec *)b)->key;
}

int main(void)
{
    int a[1000], i, sorted = 1, key, *found;
    unsigned int r = 1;
    const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date" };
    const char *want[] = { "apple", "banana", "cherry", "date", "fig", "pear" };
    struct rec recs[50];
    int small[] = { 3, 1, 2 };

    for (i = 0; i < 1000; i++) { r = r * 69069 + 1; a[i] = (int)(r >> 12) % 5000 - 2500; }
    qsort(a, 1000, sizeof(int), cmp_int);
    for (i = 1; i < 1000; i++) if (a[i - 1] > a[i]) sorted = 0;
    ok(sorted, "1000 random ints sorted");

    key = a[500];
    found = bsearch(&key, a, 1000, sizeof(int), cmp_int);
    ok(found && *found == key, "bsearch finds an existing key");
    key = 9999;
    ok(bsearch(&key, a, 1000, sizeof(int), cmp_int) == NULL, "bsearch of a missing key is NULL");
    key = -9999;
    ok(bsearch(&key, a, 1000, sizeof(int), cmp_int) == NULL, "bsearch below range is NULL");

    qsort(words, 6, sizeof(words[0]), cmp_str);
    for (i = 0; i < 6 && !strcmp(words[i], want[i]); i++);
    ok(i == 6, "strings sorted");
    {
        const char *k = "date";
        const char **w = bsearch(&k, words, 6, sizeof(words[0]), cmp_str);
        ok(w == &words[3], "bsearch string");
    }

    for (i = 0; i < 50; i++) { recs[i].key = (i * 37) % 10; recs[i].order = i; }
    qsort(recs, 50, sizeof(recs[0]), cmp_rec);
    for (sorted = 1, i = 1; i < 50; i++) if (recs[i - 1].key > recs[i].key) sorted = 0;
    ok(sorted, "structs sorted by key");

    qsort(small, 3, sizeof(int), cmp_int);
    ok(small[0] == 1 && small[1] == 2 && small[2] == 3, "3 elements");
    qsort(small, 0, sizeof(int), cmp_int);
    qsort(small, 1, sizeof(int), cmp_int);
    ok(small[0] == 1, "0 and 1 elements are no-ops");

    return vt_summary();
}

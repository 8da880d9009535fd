/* Expected mappings, generated at build time by make_codepage_expected.py. */
#include <wchar.h>

struct expected_single {
    unsigned code_page;
    unsigned short chars[256];
};
struct expected_pair {
    unsigned short bytes; /* lead << 8 | trail */
    unsigned short ch;
};
struct expected_double {
    unsigned code_page;
    const struct expected_pair *pairs;
    int count;
};

extern const struct expected_single expected_single[];
extern const int expected_single_count;
extern const struct expected_double expected_double[];
extern const int expected_double_count;

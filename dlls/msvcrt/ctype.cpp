// Character classification, "C" locale: _pctype, is*, to*, isw*, tow*.
#include "msvcrt_private.h"

namespace {
constexpr unsigned short U = 0x0001, L = 0x0002, D = 0x0004, S = 0x0008, P = 0x0010, C = 0x0020, B = 0x0040,
                         X = 0x0080, A = 0x0100;

constexpr unsigned short ascii_class(int c) {
    if (c == ' ') return S | B;
    if (c == '\t') return S | C | B;
    if (c >= '\n' && c <= '\r') return S | C;
    if (c < 0x20 || c == 0x7f) return C;
    if (c >= '0' && c <= '9') return D | X;
    if (c >= 'A' && c <= 'Z') return U | A | ((c <= 'F') ? X : 0);
    if (c >= 'a' && c <= 'z') return L | A | ((c <= 'f') ? X : 0);
    if (c < 0x80) return P;
    return 0;
}

// Latin-1 classes for the wide table (GetStringTypeW's C1 types).
constexpr unsigned short latin1_class(int c) {
    if (c < 0x80) return ascii_class(c);
    if (c < 0xa0) return C;
    if (c == 0xa0) return S | B;
    if (c == 0xaa || c == 0xb5 || c == 0xba) return L | A;
    if (c == 0xb2 || c == 0xb3 || c == 0xb9) return D | P;
    if (c < 0xc0 || c == 0xd7 || c == 0xf7) return P;
    if (c < 0xdf) return U | A;
    return L | A;
}

struct Tables {
    unsigned short ctype[257];
    unsigned short wctype[256];
    constexpr Tables() : ctype(), wctype() {
        ctype[0] = 0;  // EOF
        for (int c = 0; c < 256; ++c) {
            ctype[c + 1] = ascii_class(c);
            wctype[c] = latin1_class(c);
        }
    }
};
constexpr Tables tables;
}  // namespace

MSVCRT_DATA const unsigned short* MSVCRT__pctype = tables.ctype + 1;
MSVCRT_DATA const unsigned short* MSVCRT__pwctype = tables.wctype;
MSVCRT_DATA unsigned short MSVCRT__ctype[257];  // filled below
MSVCRT_DATA int MSVCRT___mb_cur_max = 1;

static struct CtypeInit {
    CtypeInit() {
        auto* table = MSVCRT__ctype;
        for (int i = 0; i < 257; ++i) table[i] = tables.ctype[i];
    }
} ctype_init;

MSVCRT_API const unsigned short* MSVCRT___pctype_func() { return MSVCRT__pctype; }
MSVCRT_API const unsigned short* MSVCRT___pwctype_func() { return MSVCRT__pwctype; }
MSVCRT_API int MSVCRT____mb_cur_max_func() { return MSVCRT___mb_cur_max; }

static unsigned short class_of(int c) {
    if (c < -1 || c > 255) return 0;
    return tables.ctype[c + 1];
}

MSVCRT_API int MSVCRT__isctype(int c, int mask) { return class_of(c) & mask; }
MSVCRT_API int MSVCRT__isctype_l(int c, int mask, void*) { return class_of(c) & mask; }
MSVCRT_API int MSVCRT_isalpha(int c) { return class_of(c) & (A | U | L); }
MSVCRT_API int MSVCRT_isupper(int c) { return class_of(c) & U; }
MSVCRT_API int MSVCRT_islower(int c) { return class_of(c) & L; }
MSVCRT_API int MSVCRT_isdigit(int c) { return class_of(c) & D; }
MSVCRT_API int MSVCRT_isxdigit(int c) { return class_of(c) & X; }
MSVCRT_API int MSVCRT_isspace(int c) { return class_of(c) & S; }
MSVCRT_API int MSVCRT_ispunct(int c) { return class_of(c) & P; }
MSVCRT_API int MSVCRT_isalnum(int c) { return class_of(c) & (A | U | L | D); }
MSVCRT_API int MSVCRT_isprint(int c) { return class_of(c) & (B | P | A | U | L | D); }
MSVCRT_API int MSVCRT_isgraph(int c) { return class_of(c) & (P | A | U | L | D); }
MSVCRT_API int MSVCRT_iscntrl(int c) { return class_of(c) & C; }
MSVCRT_API int MSVCRT_isblank(int c) { return c == ' ' || c == '\t' ? B : 0; }
MSVCRT_API int MSVCRT___isascii(int c) { return static_cast<unsigned>(c) < 0x80; }
MSVCRT_API int MSVCRT___toascii(int c) { return c & 0x7f; }
MSVCRT_API int MSVCRT___iscsym(int c) { return c == '_' || MSVCRT_isalnum(c); }
MSVCRT_API int MSVCRT___iscsymf(int c) { return c == '_' || MSVCRT_isalpha(c); }
MSVCRT_API int MSVCRT_isleadbyte(int) { return 0; }
MSVCRT_API int MSVCRT_toupper(int c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
MSVCRT_API int MSVCRT_tolower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
MSVCRT_API int MSVCRT__toupper(int c) { return c - 'a' + 'A'; }
MSVCRT_API int MSVCRT__tolower(int c) { return c - 'A' + 'a'; }

// Wide classification: the Latin-1 table below 256; above it letters of the
// common alphabetic blocks, digits are only ASCII ones (as C1_DIGIT).
static unsigned short wide_class_of(unsigned c) {
    if (c < 256) return tables.wctype[c];
    if (c == 0xffff) return 0;
    if ((c >= 0x100 && c <= 0x24f) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x52f) ||
        (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xac00 && c <= 0xd7a3))
        return A;
    if (c == 0x2028 || c == 0x2029 || c == 0x3000 || (c >= 0x2000 && c <= 0x200a)) return S | B;
    if (c >= 0x2010 && c <= 0x2bff) return P;
    return 0;
}

MSVCRT_API int MSVCRT_iswctype(unsigned short c, unsigned short mask) { return wide_class_of(c) & mask; }
MSVCRT_API int MSVCRT_is_wctype(unsigned short c, unsigned short mask) { return wide_class_of(c) & mask; }
MSVCRT_API int MSVCRT_iswalpha(unsigned short c) { return wide_class_of(c) & (A | U | L); }
MSVCRT_API int MSVCRT_iswupper(unsigned short c) { return wide_class_of(c) & U; }
MSVCRT_API int MSVCRT_iswlower(unsigned short c) { return wide_class_of(c) & L; }
MSVCRT_API int MSVCRT_iswdigit(unsigned short c) { return wide_class_of(c) & D; }
MSVCRT_API int MSVCRT_iswxdigit(unsigned short c) { return wide_class_of(c) & X; }
MSVCRT_API int MSVCRT_iswspace(unsigned short c) { return wide_class_of(c) & S; }
MSVCRT_API int MSVCRT_iswpunct(unsigned short c) { return wide_class_of(c) & P; }
MSVCRT_API int MSVCRT_iswalnum(unsigned short c) { return wide_class_of(c) & (A | U | L | D); }
MSVCRT_API int MSVCRT_iswprint(unsigned short c) { return wide_class_of(c) & (B | P | A | U | L | D); }
MSVCRT_API int MSVCRT_iswgraph(unsigned short c) { return wide_class_of(c) & (P | A | U | L | D); }
MSVCRT_API int MSVCRT_iswcntrl(unsigned short c) { return wide_class_of(c) & C; }
MSVCRT_API int MSVCRT_iswascii(unsigned short c) { return c < 0x80; }

// In the "C" locale msvcrt's towupper/towlower map only A-Z and a-z.
MSVCRT_API unsigned short MSVCRT_towupper(unsigned short c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }
MSVCRT_API unsigned short MSVCRT_towlower(unsigned short c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

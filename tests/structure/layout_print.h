/* Prints the size of each structure listed in layouts.h and the offset of
 * each of its listed fields, one per line. */
#include <stddef.h>
#include <stdio.h>

#define VL_FIELD(S, f) printf(#S "." #f " %u\n", (unsigned)offsetof(S, f));
#define VL_1(S, a) VL_FIELD(S, a)
#define VL_2(S, a, ...) VL_FIELD(S, a) VL_1(S, __VA_ARGS__)
#define VL_3(S, a, ...) VL_FIELD(S, a) VL_2(S, __VA_ARGS__)
#define VL_4(S, a, ...) VL_FIELD(S, a) VL_3(S, __VA_ARGS__)
#define VL_5(S, a, ...) VL_FIELD(S, a) VL_4(S, __VA_ARGS__)
#define VL_6(S, a, ...) VL_FIELD(S, a) VL_5(S, __VA_ARGS__)
#define VL_7(S, a, ...) VL_FIELD(S, a) VL_6(S, __VA_ARGS__)
#define VL_8(S, a, ...) VL_FIELD(S, a) VL_7(S, __VA_ARGS__)
#define VL_9(S, a, ...) VL_FIELD(S, a) VL_8(S, __VA_ARGS__)
#define VL_10(S, a, ...) VL_FIELD(S, a) VL_9(S, __VA_ARGS__)
#define VL_11(S, a, ...) VL_FIELD(S, a) VL_10(S, __VA_ARGS__)
#define VL_12(S, a, ...) VL_FIELD(S, a) VL_11(S, __VA_ARGS__)
#define VL_13(S, a, ...) VL_FIELD(S, a) VL_12(S, __VA_ARGS__)
#define VL_14(S, a, ...) VL_FIELD(S, a) VL_13(S, __VA_ARGS__)
#define VL_15(S, a, ...) VL_FIELD(S, a) VL_14(S, __VA_ARGS__)
#define VL_16(S, a, ...) VL_FIELD(S, a) VL_15(S, __VA_ARGS__)
#define VL_17(S, a, ...) VL_FIELD(S, a) VL_16(S, __VA_ARGS__)
#define VL_18(S, a, ...) VL_FIELD(S, a) VL_17(S, __VA_ARGS__)
#define VL_19(S, a, ...) VL_FIELD(S, a) VL_18(S, __VA_ARGS__)
#define VL_20(S, a, ...) VL_FIELD(S, a) VL_19(S, __VA_ARGS__)
#define VL_21(S, a, ...) VL_FIELD(S, a) VL_20(S, __VA_ARGS__)
#define VL_22(S, a, ...) VL_FIELD(S, a) VL_21(S, __VA_ARGS__)
#define VL_23(S, a, ...) VL_FIELD(S, a) VL_22(S, __VA_ARGS__)
#define VL_24(S, a, ...) VL_FIELD(S, a) VL_23(S, __VA_ARGS__)
#define VL_25(S, a, ...) VL_FIELD(S, a) VL_24(S, __VA_ARGS__)
#define VL_26(S, a, ...) VL_FIELD(S, a) VL_25(S, __VA_ARGS__)
#define VL_27(S, a, ...) VL_FIELD(S, a) VL_26(S, __VA_ARGS__)
#define VL_28(S, a, ...) VL_FIELD(S, a) VL_27(S, __VA_ARGS__)
#define VL_29(S, a, ...) VL_FIELD(S, a) VL_28(S, __VA_ARGS__)
#define VL_30(S, a, ...) VL_FIELD(S, a) VL_29(S, __VA_ARGS__)
#define VL_31(S, a, ...) VL_FIELD(S, a) VL_30(S, __VA_ARGS__)
#define VL_32(S, a, ...) VL_FIELD(S, a) VL_31(S, __VA_ARGS__)
#define VL_COUNT(...) VL_COUNT_(__VA_ARGS__, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, \
                                16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define VL_COUNT_(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, \
                  _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, n, ...) n
#define VL_CAT(a, b) VL_CAT_(a, b)
#define VL_CAT_(a, b) a##b
#define LAYOUT(S, ...) \
    printf(#S " %u\n", (unsigned)sizeof(S)); \
    VL_CAT(VL_, VL_COUNT(__VA_ARGS__))(S, __VA_ARGS__)
#define SIZE(S) printf(#S " %u\n", (unsigned)sizeof(S));
#define FIELDS(S, ...) VL_CAT(VL_, VL_COUNT(__VA_ARGS__))(S, __VA_ARGS__)

#include "core/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace {
int compare_ints(void* calls, const void* a, const void* b) {
    ++*static_cast<int*>(calls);
    int x = *static_cast<const int*>(a), y = *static_cast<const int*>(b);
    return x < y ? -1 : x > y;
}
}  // namespace

TEST(Sort, SortsManySizes) {
    std::mt19937 rng(1);
    for (size_t n : {0u, 1u, 2u, 3u, 7u, 8u, 9u, 31u, 100u, 1000u, 10000u}) {
        std::vector<int> v(n);
        for (auto& x : v) x = static_cast<int>(rng() % 50);
        auto expected = v;
        std::sort(expected.begin(), expected.end());
        int calls = 0;
        vine::msvcrt::sort(v.data(), v.size(), sizeof(int), compare_ints, &calls);
        EXPECT_EQ(v, expected) << n;
    }
}

TEST(Sort, SortedAndReversedInputs) {
    std::vector<int> up(5000), down(5000), same(5000, 7);
    for (int i = 0; i < 5000; ++i) up[i] = i, down[i] = 5000 - i;
    int calls = 0;
    vine::msvcrt::sort(up.data(), up.size(), sizeof(int), compare_ints, &calls);
    vine::msvcrt::sort(down.data(), down.size(), sizeof(int), compare_ints, &calls);
    vine::msvcrt::sort(same.data(), same.size(), sizeof(int), compare_ints, &calls);
    EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
    EXPECT_TRUE(std::is_sorted(down.begin(), down.end()));
    EXPECT_LT(calls, 3 * 5000 * 20);  // no quadratic behaviour on these
}

TEST(Sort, WideElements) {
    struct Item {
        int key;
        char payload[20];
    };
    std::vector<Item> items(200);
    for (int i = 0; i < 200; ++i) items[i].key = (i * 37) % 200;
    int calls = 0;
    vine::msvcrt::sort(items.data(), items.size(), sizeof(Item), compare_ints, &calls);
    for (int i = 0; i < 200; ++i) EXPECT_EQ(items[i].key, i);
}

// A registry key's value index (server/value_index.cpp): after any mix of
// adds and erases it finds every value by its name in any case, at its
// current place, and finds nothing for names that are gone, checked against
// a plain scan.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "value_index.h"

using vine::server::ValueIndex;
namespace hive = vine::server::hive;

namespace {

std::u16string upper(std::u16string text) {
    for (auto& c : text) c = vine::server::fold_char(c);
    return text;
}

std::ptrdiff_t scan(const std::vector<hive::Value>& values, const std::u16string& name) {
    for (size_t i = 0; i < values.size(); ++i)
        if (upper(values[i].name) == upper(name)) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

std::u16string name_of(unsigned n) {
    std::u16string name = u"v";
    for (char c : std::to_string(n)) name += static_cast<char16_t>(c);
    if (n % 3 == 0) name += u'\u00e9';  // é, folded to É
    return name;
}

}  // namespace

TEST(ValueIndex, FindsIgnoringCase) {
    std::vector<hive::Value> values{{u"Alpha", 1, ""}, {u"b\u00e9ta", 1, ""}, {u"", 1, ""}};
    ValueIndex index;
    for (size_t i = 0; i < values.size(); ++i) index.add(values, i);
    EXPECT_EQ(index.find(values, u"ALPHA"), 0);
    EXPECT_EQ(index.find(values, u"B\u00c9TA"), 1);
    EXPECT_EQ(index.find(values, u""), 2);
    EXPECT_EQ(index.find(values, u"alph"), -1);
    EXPECT_EQ(index.find(values, u"gamma"), -1);
}

TEST(ValueIndex, MatchesAScanAfterAddsAndErases) {
    std::mt19937 random(12345);
    std::vector<hive::Value> values;
    ValueIndex index;
    for (int step = 0; step < 20000; ++step) {
        unsigned n = random() % 600;
        std::u16string name = name_of(n);
        if (random() % 3) {
            if (scan(values, name) < 0) {
                values.push_back(hive::Value{name, 4, ""});
                index.add(values, values.size() - 1);
            }
        } else if (std::ptrdiff_t at = scan(values, name); at >= 0) {
            index.erase(values, static_cast<size_t>(at));
            values.erase(values.begin() + at);
        }
        if (step % 1000 == 0 || step == 19999) {
            for (unsigned m = 0; m < 600; ++m) {
                std::u16string probe = m % 2 ? upper(name_of(m)) : name_of(m);
                ASSERT_EQ(index.find(values, probe), scan(values, probe)) << "step " << step << " name " << m;
            }
        }
    }
    index.clear();
    EXPECT_EQ(index.find(values, values.empty() ? u"x" : values[0].name), -1);
}

#include "core/cmdline.h"

#include <gtest/gtest.h>

using vine::msvcrt::split_command_line;
using Args = std::vector<std::string>;

TEST(CommandLine, Simple) {
    EXPECT_EQ(split_command_line("prog a b  c"), (Args{"prog", "a", "b", "c"}));
    EXPECT_EQ(split_command_line("prog\ta\t"), (Args{"prog", "a"}));
    EXPECT_EQ(split_command_line(""), (Args{""}));
}

TEST(CommandLine, ProgramNameIsNotEscaped) {
    EXPECT_EQ(split_command_line("\"C:\\Program Files\\x.exe\" 1"), (Args{"C:\\Program Files\\x.exe", "1"}));
    EXPECT_EQ(split_command_line("C:\\a\\\"b c"), (Args{"C:\\a\\\"b", "c"}));
}

TEST(CommandLine, Quotes) {
    EXPECT_EQ(split_command_line("p \"a b\" c"), (Args{"p", "a b", "c"}));
    EXPECT_EQ(split_command_line("p a\"b c\"d"), (Args{"p", "ab cd"}));
    EXPECT_EQ(split_command_line("p \"\""), (Args{"p", ""}));
    EXPECT_EQ(split_command_line("p \"unterminated arg"), (Args{"p", "unterminated arg"}));
}

TEST(CommandLine, Backslashes) {
    EXPECT_EQ(split_command_line("p a\\\\b"), (Args{"p", "a\\\\b"}));
    EXPECT_EQ(split_command_line("p a\\\"b"), (Args{"p", "a\"b"}));
    EXPECT_EQ(split_command_line("p a\\\\\"b c\""), (Args{"p", "a\\b c"}));
    EXPECT_EQ(split_command_line("p a\\\\\\\"b"), (Args{"p", "a\\\"b"}));
    EXPECT_EQ(split_command_line("p \"c:\\dir\\\\\" x"), (Args{"p", "c:\\dir\\", "x"}));
}

TEST(CommandLine, DoubledQuoteInsideQuotesEndsQuoting) {
    // msvcrt.dll: '""' inside quotes gives '"' and leaves the quoted part.
    EXPECT_EQ(split_command_line("p \"a\"\"b c\""), (Args{"p", "a\"b", "c"}));
    EXPECT_EQ(split_command_line("p \"\"\"a\"\"\""), (Args{"p", "\"a\""}));
}

TEST(CommandLine, Wide) {
    auto args = split_command_line(u"p \"x y\" \x263a");
    ASSERT_EQ(args.size(), 3u);
    EXPECT_EQ(args[1], u"x y");
    EXPECT_EQ(args[2], u"\x263a");
}

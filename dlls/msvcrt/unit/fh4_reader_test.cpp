// FH4's compressed integers, every length of the encoding, read back from
// the byte patterns MSVC's compressor writes (include/vine/msvc_eh.h).
#include "cxx/fh4_reader.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

// The encoder, for the round trip: the shortest form of `value`.
std::vector<uint8_t> encode(uint32_t value) {
    if (value < 1u << 7) return {static_cast<uint8_t>(value << 1)};
    if (value < 1u << 14) {
        uint32_t v = value << 2 | 1;
        return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8)};
    }
    if (value < 1u << 21) {
        uint32_t v = value << 3 | 3;
        return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16)};
    }
    if (value < 1u << 28) {
        uint32_t v = value << 4 | 7;
        return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
                static_cast<uint8_t>(v >> 24)};
    }
    return {15, static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value >> 16),
            static_cast<uint8_t>(value >> 24)};
}

}  // namespace

TEST(FH4Reader, KnownBytes) {
    // Padded to five bytes: the reader may look at as many.
    const uint8_t one_byte[5] = {0x0e};          // 7 << 1
    const uint8_t two_bytes[5] = {0x01, 0x02};   // 0x80 << 2 | 1 = 0x201, little-endian
    const uint8_t five_bytes[5] = {0x0f, 0x78, 0x56, 0x34, 0x12};
    vine::cxx::FH4Reader a{one_byte}, b{two_bytes}, c{five_bytes};
    EXPECT_EQ(a.compressed(), 7u);
    EXPECT_EQ(a.p, one_byte + 1);
    EXPECT_EQ(b.compressed(), 0x80u);
    EXPECT_EQ(b.p, two_bytes + 2);
    EXPECT_EQ(c.compressed(), 0x12345678u);
    EXPECT_EQ(c.p, five_bytes + 5);
}

TEST(FH4Reader, RoundTripsEveryLength) {
    for (uint32_t value : {0u, 1u, 127u, 128u, 16383u, 16384u, (1u << 21) - 1, 1u << 21, (1u << 28) - 1, 1u << 28,
                           0xffffffffu}) {
        std::vector<uint8_t> bytes = encode(value);
        bytes.push_back(0xaa);  // what follows is not read
        vine::cxx::FH4Reader r{bytes.data()};
        EXPECT_EQ(r.compressed(), value) << value;
        EXPECT_EQ(r.p, bytes.data() + bytes.size() - 1) << value;
    }
}

TEST(FH4Reader, LongerFormsOfSmallValues) {
    // A decoder goes by the length bits alone: 5 as two, three and four bytes.
    const uint8_t bytes[] = {21, 0, 43, 0, 0, 87, 0, 0, 0, 0x0f, 5, 0, 0, 0};
    vine::cxx::FH4Reader r{bytes};
    for (int i = 0; i < 4; ++i) EXPECT_EQ(r.compressed(), 5u);
    EXPECT_EQ(r.p, bytes + sizeof(bytes));
}

TEST(FH4Reader, StatesAndRvas) {
    const uint8_t bytes[] = {0x00, 0x02, 0x10, 0x78, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff};
    vine::cxx::FH4Reader r{bytes};
    EXPECT_EQ(r.state(), -1);
    EXPECT_EQ(r.state(), 0);
    EXPECT_EQ(r.state(), 7);
    EXPECT_EQ(r.rva(), 0x12345678);
    EXPECT_EQ(r.rva(), -2);
}

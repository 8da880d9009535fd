// protocol/codec: request framing (decode_frame) and the StartupInfo blob.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "codec.h"

namespace {

using namespace vine::protocol;

std::string frame(uint32_t opcode, uint32_t fixed_size, uint32_t var_size, uint32_t fd_count, size_t body_bytes,
                  uint32_t thread = 0x24) {
    RequestHeader header{opcode, fixed_size, var_size, fd_count, thread, 0};
    std::string out(reinterpret_cast<const char*>(&header), sizeof(header));
    for (size_t i = 0; i < body_bytes; ++i) out += static_cast<char>(i);
    return out;
}

FrameResult decode(const std::string& bytes) {
    return decode_frame(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

constexpr auto kCloseHandle = static_cast<uint32_t>(Opcode::close_handle);
constexpr auto kCreateSync = static_cast<uint32_t>(Opcode::create_sync);

TEST(DecodeFrame, WholeRequest) {
    std::string bytes = frame(kCreateSync, sizeof(create_sync_request), 6, 0, sizeof(create_sync_request) + 6);
    FrameResult result = decode(bytes);
    ASSERT_EQ(result.status, FrameStatus::ready);
    EXPECT_EQ(result.request.opcode, Opcode::create_sync);
    EXPECT_EQ(result.request.fixed_size, sizeof(create_sync_request));
    EXPECT_EQ(result.request.var_size, 6u);
    EXPECT_EQ(result.request.thread_id, 0x24u);
    EXPECT_EQ(result.request.total_size, bytes.size());
    EXPECT_EQ(result.request.fixed, reinterpret_cast<const uint8_t*>(bytes.data()) + sizeof(RequestHeader));
    EXPECT_EQ(result.request.var, result.request.fixed + sizeof(create_sync_request));
}

TEST(DecodeFrame, TruncatedNeedsMore) {
    std::string bytes = frame(kCreateSync, sizeof(create_sync_request), 6, 0, sizeof(create_sync_request) + 6);
    // Every proper prefix, header included, is "not yet".
    for (size_t size = 0; size < bytes.size(); ++size)
        EXPECT_EQ(decode_frame(reinterpret_cast<const uint8_t*>(bytes.data()), size).status, FrameStatus::need_more)
            << size;
}

TEST(DecodeFrame, TwoRequestsBackToBackUseOnlyTheFirst) {
    std::string one = frame(kCloseHandle, sizeof(close_handle_request), 0, 0, sizeof(close_handle_request));
    FrameResult result = decode(one + one);
    ASSERT_EQ(result.status, FrameStatus::ready);
    EXPECT_EQ(result.request.total_size, one.size());
}

TEST(DecodeFrame, UnknownOpcode) {
    for (uint32_t opcode : {static_cast<uint32_t>(Opcode::count), 0x1000u, 0xffffffffu}) {
        FrameResult result = decode(frame(opcode, 8, 0, 0, 8));
        EXPECT_EQ(result.status, FrameStatus::invalid);
        EXPECT_STREQ(result.error, "unknown request");
    }
}

TEST(DecodeFrame, WrongFixedSize) {
    for (uint32_t size : {0u, 7u, 9u, kMaxFixedSize + 1, 0xffffffffu}) {
        FrameResult result = decode(frame(kCloseHandle, size, 0, 0, 8));
        EXPECT_EQ(result.status, FrameStatus::invalid) << size;
        EXPECT_STREQ(result.error, "wrong request size");
    }
}

TEST(DecodeFrame, OversizedVariableData) {
    // Refused from the header alone, before any of it arrives.
    for (uint32_t size : {kMaxVarSize + 1, 0xffffffffu}) {
        FrameResult result = decode(frame(kCreateSync, sizeof(create_sync_request), size, 0, 0));
        EXPECT_EQ(result.status, FrameStatus::invalid);
        EXPECT_STREQ(result.error, "variable data too large");
    }
    // The limit itself is allowed (and needs the data).
    EXPECT_EQ(decode(frame(kCreateSync, sizeof(create_sync_request), kMaxVarSize, 0, 0)).status,
              FrameStatus::need_more);
}

TEST(DecodeFrame, TooManyDescriptors) {
    EXPECT_EQ(decode(frame(kCloseHandle, 8, 0, kMaxFds, 8)).status, FrameStatus::ready);
    FrameResult result = decode(frame(kCloseHandle, 8, 0, kMaxFds + 1, 8));
    EXPECT_EQ(result.status, FrameStatus::invalid);
    EXPECT_STREQ(result.error, "too many descriptors");
}

TEST(Opcodes, NamesAndSizes) {
    EXPECT_STREQ(opcode_name(Opcode::hello), "hello");
    EXPECT_STREQ(opcode_name(Opcode::kill_server), "kill_server");
    EXPECT_STREQ(opcode_name(Opcode::count), "?");
    EXPECT_EQ(request_fixed_size(Opcode::hello), sizeof(hello_request));
    EXPECT_EQ(request_fixed_size(Opcode::count), 0u);
}

StartupStrings sample() {
    StartupStrings startup;
    startup.info.startup_flags = 0x100;
    startup.info.show_window = 5;
    startup.info.std_handles[0] = 4;
    startup.info.std_handles[2] = 12;
    startup.image = u"C:\\windows\\notepad.exe";
    startup.command_line = u"notepad \"a b\"";
    startup.current_directory = u"C:\\";
    startup.environment = std::u16string(u"A=1\0B=2\0", 8);
    startup.title = u"";
    startup.desktop = u"WinSta0\\Default";
    return startup;
}

std::optional<StartupStrings> decode_blob(const std::string& blob) {
    return decode_startup(reinterpret_cast<const uint8_t*>(blob.data()), blob.size());
}

TEST(Startup, RoundTrip) {
    StartupStrings in = sample();
    std::string blob = encode_startup(in);
    auto out = decode_blob(blob);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->image, in.image);
    EXPECT_EQ(out->command_line, in.command_line);
    EXPECT_EQ(out->current_directory, in.current_directory);
    EXPECT_EQ(out->environment, in.environment);
    EXPECT_EQ(out->title, in.title);
    EXPECT_EQ(out->desktop, in.desktop);
    EXPECT_EQ(out->info.startup_flags, 0x100u);
    EXPECT_EQ(out->info.show_window, 5u);
    EXPECT_EQ(out->info.std_handles[2], 12u);
    EXPECT_EQ(out->info.image_size, in.image.size() * 2);  // sizes are filled in by the encoder
}

TEST(Startup, EmptyStrings) {
    auto out = decode_blob(encode_startup(StartupStrings{}));
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->image.empty() && out->environment.empty());
}

TEST(Startup, Malformed) {
    std::string blob = encode_startup(sample());
    // Too short for the struct; cut anywhere in the strings; one byte extra.
    EXPECT_FALSE(decode_blob(blob.substr(0, sizeof(StartupInfo) - 1)));
    EXPECT_FALSE(decode_blob({}));
    for (size_t cut = sizeof(StartupInfo); cut < blob.size(); cut += 3) EXPECT_FALSE(decode_blob(blob.substr(0, cut)));
    EXPECT_FALSE(decode_blob(blob + "x"));

    auto with_info = [&](auto change) {
        StartupInfo info;
        memcpy(&info, blob.data(), sizeof(info));
        change(info);
        std::string copy = blob;
        memcpy(copy.data(), &info, sizeof(info));
        return decode_blob(copy);
    };
    // An odd size, sizes past the end, and sizes that overflow when added.
    EXPECT_FALSE(with_info([](StartupInfo& i) { i.image_size += 1; }));
    EXPECT_FALSE(with_info([](StartupInfo& i) { i.desktop_size += 2; }));
    EXPECT_FALSE(with_info([](StartupInfo& i) { i.environment_size = 0xfffffffe; }));
    EXPECT_FALSE(with_info([](StartupInfo& i) {
        i.image_size = 0x80000000;
        i.command_line_size = 0x80000000;
    }));
    // Sizes that move bytes between strings but add up are accepted.
    auto shifted = with_info([](StartupInfo& i) {
        i.image_size -= 2;
        i.command_line_size += 2;
    });
    ASSERT_TRUE(shifted);
    EXPECT_EQ(shifted->image.size(), sample().image.size() - 1);
}

}  // namespace

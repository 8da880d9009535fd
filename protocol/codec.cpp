#include "codec.h"

#include <cstring>

namespace vine::protocol {

const char* opcode_name(Opcode opcode) {
    switch (opcode) {
#define VINE_NAME(name) \
    case Opcode::name:  \
        return #name;
        VINE_REQUESTS(VINE_NAME)
#undef VINE_NAME
    case Opcode::count:
        break;
    }
    return "?";
}

uint32_t request_fixed_size(Opcode opcode) {
    switch (opcode) {
#define VINE_SIZE(name) \
    case Opcode::name:  \
        return sizeof(name##_request);
        VINE_REQUESTS(VINE_SIZE)
#undef VINE_SIZE
    case Opcode::count:
        break;
    }
    return 0;
}

FrameResult decode_frame(const uint8_t* data, size_t size) {
    FrameResult result{FrameStatus::need_more, {}, nullptr};
    if (size < sizeof(RequestHeader)) return result;
    RequestHeader header;
    memcpy(&header, data, sizeof(header));
    auto invalid = [&](const char* why) {
        result.status = FrameStatus::invalid;
        result.error = why;
        return result;
    };
    if (header.opcode >= static_cast<uint32_t>(Opcode::count)) return invalid("unknown request");
    auto opcode = static_cast<Opcode>(header.opcode);
    if (header.fixed_size != request_fixed_size(opcode)) return invalid("wrong request size");
    if (header.var_size > kMaxVarSize) return invalid("variable data too large");
    if (header.fd_count > kMaxFds) return invalid("too many descriptors");
    size_t total = sizeof(header) + size_t{header.fixed_size} + header.var_size;
    if (size < total) return result;
    result.status = FrameStatus::ready;
    result.request = RequestView{opcode,           data + sizeof(header),
                                 header.fixed_size, data + sizeof(header) + header.fixed_size,
                                 header.var_size,  header.fd_count,
                                 header.thread_id, total};
    return result;
}

namespace {

void append_string(std::string& out, const std::u16string& text) {
    out.append(reinterpret_cast<const char*>(text.data()), text.size() * sizeof(char16_t));
}

}  // namespace

std::string encode_startup(const StartupStrings& startup) {
    StartupInfo info = startup.info;
    info.image_size = static_cast<uint32_t>(startup.image.size() * 2);
    info.command_line_size = static_cast<uint32_t>(startup.command_line.size() * 2);
    info.current_directory_size = static_cast<uint32_t>(startup.current_directory.size() * 2);
    info.environment_size = static_cast<uint32_t>(startup.environment.size() * 2);
    info.title_size = static_cast<uint32_t>(startup.title.size() * 2);
    info.desktop_size = static_cast<uint32_t>(startup.desktop.size() * 2);
    std::string out(reinterpret_cast<const char*>(&info), sizeof(info));
    for (const auto* text : {&startup.image, &startup.command_line, &startup.current_directory,
                             &startup.environment, &startup.title, &startup.desktop})
        append_string(out, *text);
    return out;
}

std::optional<StartupStrings> decode_startup(const uint8_t* data, size_t size) {
    StartupStrings out;
    if (size < sizeof(StartupInfo)) return std::nullopt;
    memcpy(&out.info, data, sizeof(StartupInfo));
    size_t offset = sizeof(StartupInfo);
    const StartupInfo& info = out.info;
    std::pair<uint32_t, std::u16string*> parts[] = {
        {info.image_size, &out.image},           {info.command_line_size, &out.command_line},
        {info.current_directory_size, &out.current_directory}, {info.environment_size, &out.environment},
        {info.title_size, &out.title},           {info.desktop_size, &out.desktop},
    };
    for (auto& [bytes, text] : parts) {
        if (bytes % 2 || bytes > size - offset) return std::nullopt;
        text->resize(bytes / 2);
        memcpy(text->data(), data + offset, bytes);
        offset += bytes;
    }
    if (offset != size) return std::nullopt;
    return out;
}

}  // namespace vine::protocol

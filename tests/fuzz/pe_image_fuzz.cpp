// libFuzzer target for the PE reader: parse the input in both layouts and
// call every accessor, reading every byte of every view returned, so that
// ASan sees any view pointing outside the input.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "pe_image.h"

namespace {

volatile uint64_t g_sink;

void consume(std::string_view text) {
    uint64_t sum = 0;
    for (char c : text) sum += static_cast<uint8_t>(c);
    g_sink = g_sink + sum;
}

void consume(std::span<const uint8_t> bytes) {
    uint64_t sum = 0;
    for (uint8_t b : bytes) sum += b;
    g_sink = g_sink + sum;
}

void consume_modules(const vine::Expected<std::vector<vine::pe::ImportedModule>>& modules) {
    if (!modules) return consume(modules.error().message);
    for (const auto& module : *modules) {
        consume(module.dll_name);
        for (const auto& symbol : module.symbols) {
            consume(symbol.name);
            g_sink = g_sink + symbol.ordinal + symbol.hint + symbol.iat_slot_rva;
        }
    }
}

// Walks the resource tree as FindResource and EnumResource* do: three
// levels, every name and every data entry.
void consume_resources(const vine::pe::PeImage& image, uint32_t offset, int depth) {
    auto entries = image.resource_directory(offset);
    if (!entries) return consume(entries.error().message);
    for (const auto& entry : *entries) {
        for (char16_t c : entry.name) g_sink = g_sink + c;
        g_sink = g_sink + entry.id;
        if (entry.directory && depth < 3) {
            consume_resources(image, entry.offset, depth + 1);
        } else if (!entry.directory) {
            if (auto data = image.resource_data(entry.offset)) {
                if (auto bytes = image.bytes_at_rva(data->rva, data->size)) consume(*bytes);
            } else {
                consume(data.error().message);
            }
        }
    }
}

void exercise(const vine::pe::PeImage& image) {
    g_sink = g_sink + image.dos_header().e_lfanew + image.nt_headers().FileHeader.NumberOfSections;
    for (const auto& section : image.sections()) g_sink = g_sink + section.VirtualAddress;
    g_sink = g_sink + image.is_dll() + image.is_dotnet() + image.preferred_base() + image.size_of_image();
    if (auto reason = vine::pe::unsupported_reason(image)) consume(*reason);

    consume_modules(image.imports());
    consume_modules(image.delay_imports());
    if (auto exports = image.exports()) {
        for (const auto& e : *exports) {
            consume(e.name);
            consume(e.forwarder);
            g_sink = g_sink + e.ordinal + e.rva;
        }
    } else {
        consume(exports.error().message);
    }
    if (auto name = image.export_module_name()) consume(*name);
    if (auto relocations = image.relocations()) {
        for (const auto& r : *relocations) g_sink = g_sink + r.rva + r.type;
    }
    if (auto tls = image.tls_directory(); tls && tls->has_value()) g_sink = g_sink + (*tls)->AddressOfIndex;
    consume_resources(image, 0, 1);

    // Probe the raw accessors at every directory and at the entry point.
    for (int i = -1; i <= IMAGE_NUMBEROF_DIRECTORY_ENTRIES; ++i) {
        const IMAGE_DATA_DIRECTORY dir = image.directory(i);
        if (auto bytes = image.bytes_at_rva(dir.VirtualAddress, dir.Size)) consume(*bytes);
        if (auto text = image.string_at_rva(dir.VirtualAddress, 64)) consume(*text);
    }
    if (auto bytes = image.bytes_at_rva(image.entry_point_rva(), 16)) consume(*bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    for (auto layout : {vine::pe::Layout::File, vine::pe::Layout::Mapped}) {
        auto image = vine::pe::PeImage::parse(bytes, layout);
        if (image)
            exercise(*image);
        else
            consume(image.error().message);
    }
    return 0;
}

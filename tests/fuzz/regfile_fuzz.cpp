// libFuzzer target for the .reg file format (programs/reg/regfile.c), the
// parser behind `reg import` and `regedit /s`: any bytes parse without a
// crash, and what was understood, written again as a Version 5.00 file,
// parses back to the same keys and values with no line skipped; written as
// REGEDIT4 (Latin-1 here) it parses back to as many keys and values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "regfile.h"

namespace {

struct Item {
    bool is_key = false;
    std::vector<rf_char> text;  // key path or value name
    bool default_name = false;
    uint32_t type = 0;
    std::vector<uint8_t> data;
};

struct Found {
    std::vector<Item> items;
};

int on_key(void* context, const rf_char* path, size_t length, int deleting, int) {
    if (!deleting) {
        Item item;
        item.is_key = true;
        item.text.assign(path, path + length);
        static_cast<Found*>(context)->items.push_back(item);
    }
    return 0;
}

void on_value(void* context, const rf_char* name, size_t name_length, uint32_t type, const uint8_t* data, size_t size,
              int) {
    Item item;
    item.default_name = name == nullptr;
    if (name) item.text.assign(name, name + name_length);
    item.type = type;
    if (size) item.data.assign(data, data + size);
    static_cast<Found*>(context)->items.push_back(item);
}

void on_delete_value(void*, const rf_char*, size_t, int) {}
void on_warning(void*, int line, const char* message) {
    if (line < 1 || !message || !*message) abort();
}

Found parse(const uint8_t* data, size_t size, int* skipped) {
    Found found;
    rf_sink sink{&found, on_key, on_value, on_delete_value, on_warning};
    *skipped = rf_parse(data, size, nullptr, &sink);
    return found;
}

std::vector<uint8_t> write(const Found& found, int unicode) {
    rf_writer w;
    rf_writer_init(&w, unicode, nullptr);
    rf_write_header(&w);
    bool open = false;
    for (const Item& item : found.items) {
        if (item.is_key) {
            if (open) rf_write_key_end(&w);
            rf_write_key(&w, item.text.data(), item.text.size());
            open = true;
        } else {
            static const rf_char empty = 0;  // "" is a name; NULL is the default value
            const rf_char* name = item.text.empty() ? &empty : item.text.data();
            rf_write_value(&w, item.default_name ? nullptr : name, item.text.size(), item.type,
                           item.data.data(), item.data.size());
        }
    }
    if (open) rf_write_key_end(&w);
    size_t size = 0;
    uint8_t* bytes = rf_writer_bytes(&w, &size);
    if (!bytes) abort();
    std::vector<uint8_t> out(bytes, bytes + size);
    free(bytes);
    rf_writer_free(&w);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    int skipped = 0;
    Found first = parse(data, size, &skipped);
    if (skipped == RF_NOT_REGISTRY_FILE) {
        if (!first.items.empty()) abort();  // nothing is reported for a file without a header
        return 0;
    }
    std::vector<uint8_t> text = write(first, 1);
    int skipped_again = 0;
    Found second = parse(text.data(), text.size(), &skipped_again);
    if (skipped_again != 0 || second.items.size() != first.items.size()) abort();
    for (size_t i = 0; i < first.items.size(); ++i) {
        const Item &a = first.items[i], &b = second.items[i];
        if (a.is_key != b.is_key || a.text != b.text || a.default_name != b.default_name || a.type != b.type) abort();
        bool exact = a.type != RF_REG_SZ || rf_string_round_trips(a.data.data(), a.data.size());
        if (exact && a.data != b.data) abort();
    }
    std::vector<uint8_t> ansi = write(first, 0);
    Found third = parse(ansi.data(), ansi.size(), &skipped_again);
    if (skipped_again != 0 || third.items.size() != first.items.size()) abort();
    return 0;
}

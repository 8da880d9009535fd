#include "spec.h"

#include <map>
#include <set>
#include <sstream>

namespace vine::spec {
namespace {

bool is_identifier(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '?' || c == '@' || c == '$'))
            return false;
    }
    return true;
}

bool is_forward_target(const std::string& s) {
    auto dot = s.find('.');
    return dot != std::string::npos && dot > 0 && dot + 1 < s.size() && s.find('.', dot + 1) == std::string::npos;
}

std::optional<char> arg_letter(const std::string& type) {
    static const std::map<std::string, char> letters = {
        {"long", 'l'}, {"int64", 'j'}, {"ptr", 'p'}, {"str", 's'},
        {"wstr", 'w'}, {"double", 'd'}, {"float", 'f'},
    };
    auto it = letters.find(type);
    if (it == letters.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    std::string word;
    while (in >> word) words.push_back(word);
    return words;
}

}  // namespace

Expected<Spec> parse(const std::string& text, const std::string& file_name) {
    Spec spec;
    std::istringstream lines(text);
    std::string raw;
    int line_number = 0;
    auto fail = [&](const std::string& what) {
        return make_error(file_name + ":" + std::to_string(line_number) + ": " + what);
    };
    while (std::getline(lines, raw)) {
        ++line_number;
        if (auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
        // "Name(args)" may contain spaces between the parentheses: treat the
        // parentheses as separate words.
        std::string spaced;
        for (char c : raw) {
            if (c == '(' || c == ')') {
                spaced += ' ';
                spaced += c;
                spaced += ' ';
            } else {
                spaced += c;
            }
        }
        auto words = split_words(spaced);
        if (words.empty()) continue;
        if (words.size() < 3) return fail("expected 'ORDINAL TYPE NAME...'");

        Entry entry;
        entry.line = line_number;
        size_t pos = 0;
        const std::string& ordinal = words[pos++];
        if (ordinal != "@") {
            char* end = nullptr;
            unsigned long value = strtoul(ordinal.c_str(), &end, 10);
            if (*end || value == 0 || value > 65535) return fail("bad ordinal '" + ordinal + "'");
            entry.ordinal = static_cast<unsigned>(value);
        }
        const std::string& type = words[pos++];
        if (type == "stdcall" || type == "cdecl") entry.type = EntryType::Function;
        else if (type == "varargs") entry.type = EntryType::Varargs;
        else if (type == "stub") entry.type = EntryType::Stub;
        else if (type == "extern") entry.type = EntryType::Extern;
        else return fail("unknown export type '" + type + "'");

        while (pos < words.size() && words[pos][0] == '-') {
            const std::string& flag = words[pos++];
            if (flag == "-noname") entry.noname = true;
            else if (flag == "-norelay") entry.norelay = true;
            else if (flag == "-private" || flag.rfind("-arch=", 0) == 0) continue;
            else return fail("unknown flag '" + flag + "'");
        }
        if (pos >= words.size()) return fail("missing export name");
        entry.name = words[pos++];
        if (!is_identifier(entry.name)) return fail("bad export name '" + entry.name + "'");

        bool is_function = entry.type == EntryType::Function || entry.type == EntryType::Varargs;
        if (is_function) {
            if (pos >= words.size() || words[pos] != "(") return fail("expected '(' after " + entry.name);
            ++pos;
            while (pos < words.size() && words[pos] != ")") {
                auto letter = arg_letter(words[pos]);
                if (!letter) return fail("unknown argument type '" + words[pos] + "'");
                entry.arg_types += *letter;
                ++pos;
            }
            if (pos >= words.size()) return fail("missing ')'");
            ++pos;
            if (entry.arg_types.size() > 32) return fail("too many arguments");
        }
        if (pos < words.size()) {
            if (entry.type == EntryType::Stub) return fail("a stub takes no target");
            entry.target = words[pos++];
            if (!is_identifier(entry.target) && !is_forward_target(entry.target))
                return fail("bad target '" + entry.target + "'");
            if (entry.type == EntryType::Extern && entry.is_forward())
                return fail("an extern cannot be forwarded");
        } else if (entry.type != EntryType::Stub) {
            entry.target = entry.name;
        }
        if (pos != words.size()) return fail("unexpected '" + words[pos] + "'");
        spec.entries.push_back(std::move(entry));
    }

    // Names and explicit ordinals must be unique; '@' entries get the next
    // free ordinals after the highest explicit one.
    std::set<std::string> names;
    std::set<unsigned> ordinals;
    unsigned highest = 0;
    for (const auto& entry : spec.entries) {
        line_number = entry.line;
        if (!names.insert(entry.name).second) return fail("duplicate export '" + entry.name + "'");
        if (entry.ordinal) {
            if (!ordinals.insert(*entry.ordinal).second)
                return fail("duplicate ordinal " + std::to_string(*entry.ordinal));
            highest = std::max(highest, *entry.ordinal);
        }
    }
    for (auto& entry : spec.entries) {
        if (entry.ordinal) continue;
        line_number = entry.line;
        if (entry.noname) return fail("-noname needs an explicit ordinal");
        if (++highest > 65535) return fail("too many exports");
        entry.ordinal = highest;
    }
    return spec;
}

}  // namespace vine::spec

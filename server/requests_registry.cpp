// Registry requests: keys opened and created by path, values set, queried
// and enumerated, keys and values deleted (the tree is registry.cpp's).
// Every name and size comes from a client and is checked before use.
#include "registry.h"
#include "server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t KEY_QUERY_VALUE = 0x1, KEY_SET_VALUE = 0x2, KEY_CREATE_SUB_KEY = 0x4;
constexpr uint32_t KEY_ENUMERATE_SUB_KEYS = 0x8, KEY_NOTIFY = 0x10, DELETE = 0x10000;
constexpr uint32_t KEY_READ = 0x20019, KEY_WRITE = 0x20006, KEY_ALL_ACCESS = 0xf003f;
constexpr uint32_t kMaxKeyNameLength = 255;      // characters in one component
constexpr uint32_t kMaxValueNameLength = 16383;  // characters

// Generic rights become key rights, as Windows' generic mapping for keys does.
uint32_t key_access(uint32_t access) {
    uint32_t specific = access & 0x00ffffff & ~access::maximum_allowed;
    if (access & (access::generic_read | access::generic_execute)) specific |= KEY_READ;
    if (access & access::generic_write) specific |= KEY_WRITE;
    if (access & (access::generic_all | access::maximum_allowed)) specific |= KEY_ALL_ACCESS;
    return specific;
}

std::u16string utf16_of(const uint8_t* bytes, uint32_t size) {
    std::u16string text(size / 2, u'\0');
    memcpy(text.data(), bytes, size & ~1u);
    return text;
}

void refresh_merged(KeyObject& object);

// The key object behind `handle`, with `needed` access; an error status
// otherwise.
uint32_t object_of(Request& request, uint64_t handle, uint32_t needed, std::shared_ptr<KeyObject>& object) {
    uint32_t access = 0;
    object = resolve_as<KeyObject>(*request.client.process, handle, ObjectType::key, &access);
    if (!object) return status::invalid_handle;
    if ((access & needed) != needed) return status::access_denied;
    if (object->merged) refresh_merged(*object);
    if (object->key->deleted) return status::key_deleted;
    return status::success;
}

// The key behind `handle`, with `needed` access; an error status otherwise.
uint32_t key_of(Request& request, uint64_t handle, uint32_t needed, std::shared_ptr<RegistryKey>& key) {
    std::shared_ptr<KeyObject> object;
    if (uint32_t error = object_of(request, handle, needed, object)) return error;
    key = object->key;
    return status::success;
}

std::u16string value_name(Request& request) {
    return utf16_of(request.view.var, request.view.var_size);
}

bool is_hive_root(const RegistryKey& key) {
    return !key.parent || key.parent == registry::root().get() || key.parent->parent == registry::root().get();
}

// Deletes `key` and everything below it, deepest first; handles keep the
// key objects alive, and see them deleted.
void remove_key(RegistryKey& key) {
    while (!key.children.empty()) remove_key(*key.children.begin()->second);
    key.deleted = true;
    key.clear_values();
    registry::deleted(key);
    if (key.parent) key.parent->children.erase(registry::fold(key.name));
}

// A key's values and subkeys, copied out (RegCopyTree reads all of the
// source before it writes, so copying a key into its own subtree ends).
struct TreeCopy {
    std::u16string name;
    std::vector<hive::Value> values;
    std::vector<TreeCopy> children;  // a vector may hold its own incomplete type
    bool is_volatile = false;
};

// One key as a handle shows it: a plain key (`user` null), or a key of the
// merged classes view, either side possibly missing (not both).
struct View {
    std::shared_ptr<RegistryKey> user, machine;
    bool classes_root = false;  // the view's root: new keys go to the machine's side
    std::shared_ptr<RegistryKey> values;  // where its values are written (the handle's key)
};

View view_of(const KeyObject& object) {
    if (!object.merged) return View{nullptr, object.key, false, object.key};
    View view{object.user_side, object.machine_side, object.classes_root, object.key};
    if (view.user && view.user->deleted) view.user = nullptr;
    if (view.machine && view.machine->deleted) view.machine = nullptr;
    if (!view.user && !view.machine) view.machine = object.key;
    return view;
}

// The copy of a view: values of the user's key, then the machine's that it
// lacks (as enumeration shows them); subkeys the union of both sides'.
TreeCopy snapshot(const RegistryKey* user, const RegistryKey* machine) {
    const RegistryKey& shown = user ? *user : *machine;
    TreeCopy copy;
    copy.name = shown.name;
    copy.values = shown.values;
    copy.is_volatile = shown.is_volatile;
    if (!user || !machine) {
        for (const auto& [folded, sub] : shown.children) copy.children.push_back(snapshot(sub.get(), nullptr));
        return copy;
    }
    for (const auto& value : machine->values)
        if (user->value_index.find(user->values, value.name) < 0) copy.values.push_back(value);
    auto u = user->children.begin(), m = machine->children.begin();
    while (u != user->children.end() || m != machine->children.end()) {
        if (m == machine->children.end() || (u != user->children.end() && u->first < m->first)) {
            copy.children.push_back(snapshot((u++)->second.get(), nullptr));
        } else if (u == user->children.end() || m->first < u->first) {
            copy.children.push_back(snapshot((m++)->second.get(), nullptr));
        } else {
            copy.children.push_back(snapshot((u++)->second.get(), (m++)->second.get()));
        }
    }
    return copy;
}

// Writes `copy` into a view, as RegSetValueEx and RegCreateKeyEx through
// its handles would: values to the user's key when there is one, a new
// subkey where its parent is on the user's side, else the machine's (and
// always the machine's right below the classes root).
uint32_t apply(const TreeCopy& copy, const View& target) {
    RegistryKey& values_to = target.values ? *target.values : target.user ? *target.user : *target.machine;
    if (!copy.values.empty()) {
        for (const auto& value : copy.values) values_to.set_value(value);
        registry::changed(values_to, registry::change_last_set);
    }
    for (const auto& sub : copy.children) {
        View next;
        if (target.user) next.user = registry::child(*target.user, sub.name);
        if (target.machine) next.machine = registry::child(*target.machine, sub.name);
        if (!next.user && !next.machine) {
            auto& parent = target.user && !target.classes_root ? target.user : target.machine;
            if (parent->is_volatile && !sub.is_volatile) return status::child_must_be_volatile;
            auto made = registry::add_child(*parent, sub.name, sub.is_volatile);
            registry::changed(*parent, registry::change_name);
            (parent == target.user ? next.user : next.machine) = made;
        }
        if (!next.machine) std::swap(next.user, next.machine);  // a one-sided key is a plain one
        if (uint32_t error = apply(sub, next)) return error;
    }
    return status::success;
}


}  // namespace

namespace {

constexpr size_t kMaxLinkFollowed = 16;  // links followed in one open (a loop ends here)
constexpr char16_t kLinkValueName[] = u"SymbolicLinkValue";

// The full path ("\Registry\...") a link points at, or false when it has
// none that can be followed.
bool link_target(RegistryKey& link, std::u16string& target) {
    const hive::Value* value = link.find_value(kLinkValueName);
    if (!value || value->type != 6 /* REG_LINK */) return false;
    target = utf16_of(reinterpret_cast<const uint8_t*>(value->data.data()), static_cast<uint32_t>(value->data.size()));
    return true;
}

// Splits "\Registry" off a full path; false when it does not start so.
bool strip_registry_prefix(std::u16string_view& path) {
    if (path.size() < 9 || path[0] != u'\\' || registry::fold(path.substr(1, 8)) != u"REGISTRY" ||
        (path.size() > 9 && path[9] != u'\\'))
        return false;
    path.remove_prefix(path.size() > 9 ? 10 : 9);
    return true;
}

// Walks `rest` (relative, '\' separated) from `key`, following links; with
// key_create, a missing last component is made (`created`).
uint32_t walk(std::shared_ptr<RegistryKey>& key, std::u16string_view rest, uint32_t flags, bool& created) {
    std::u16string followed;  // the path being walked once a link was followed
    size_t links = 0;
    while (!rest.empty()) {
        size_t end = rest.find(u'\\');
        std::u16string_view part = rest.substr(0, end);
        rest = end == std::u16string_view::npos ? std::u16string_view() : rest.substr(end + 1);
        if (part.empty()) {
            if (rest.empty()) break;  // a trailing backslash
            return status::invalid_name;
        }
        if (part.size() > kMaxKeyNameLength) return status::invalid_name;
        if (auto next = registry::child(*key, part)) {
            bool last = rest.empty() || rest.find_first_not_of(u'\\') == std::u16string_view::npos;
            if (last && (flags & key_create_link)) return status::already_exists;
            if (next->is_link && !(last && (flags & key_open_link))) {
                // Go on at the target, with what is left of the path.
                std::u16string target;
                if (!link_target(*next, target)) return status::file_not_found;
                if (++links > kMaxLinkFollowed) return status::invalid_parameter;
                if (!rest.empty()) target += u"\\" + std::u16string(rest);
                followed = std::move(target);
                rest = followed;
                if (!strip_registry_prefix(rest)) return status::file_not_found;
                key = registry::root();
                continue;
            }
            key = next;
            continue;
        }
        if (!(flags & key_create)) return status::file_not_found;  // the registry says so for any missing part
        if (!rest.empty()) return status::file_not_found;  // NtCreateKey makes only the last component
        if (key == registry::root() || key->parent == registry::root().get())
            return status::access_denied;  // no new hives by creating keys
        bool is_volatile = flags & key_volatile;
        if (key->is_volatile && !is_volatile) return status::child_must_be_volatile;
        auto parent = key;
        key = registry::add_child(*parent, part, is_volatile);
        key->is_link = flags & key_create_link;
        registry::changed(*parent, registry::change_name);
        created = true;
    }
    return status::success;
}

// Walks `path` on one side of the merged view; a missing side stays null.
uint32_t walk_side(std::shared_ptr<RegistryKey>& side, std::u16string_view path, uint32_t flags) {
    if (!side || path.empty()) return status::success;
    if (side->deleted) {
        side = nullptr;
        return status::success;
    }
    bool created = false;
    uint32_t error = walk(side, path, flags & key_open_link, created);
    if (error == status::file_not_found) side = nullptr;
    return error == status::file_not_found ? status::success : error;
}

// A key of the merged view opened when the user's classes had no key of
// its path: it is theirs once they have one.
void refresh_merged(KeyObject& object) {
    if (object.user_side || !object.user_root || object.user_root->deleted) return;
    auto user = object.user_root;
    if (walk_side(user, object.merged_path, 0) != status::success || !user) return;
    object.user_side = user;
    object.key = user;
}

// The merged classes view below `base` (HKEY_CLASSES_ROOT's rules, from
// "Merged View of HKEY_CLASSES_ROOT" and "HKEY_CLASSES_ROOT Key"): a key
// exists when it exists on either side; a new key is made in the user's
// classes when its parent exists there, in the machine's otherwise.
uint32_t walk_merged(const KeyObject& base, std::u16string_view path, uint32_t flags, KeyObject& out, bool& created) {
    while (!path.empty() && path.back() == u'\\') path.remove_suffix(1);
    out.user_root = base.user_root;
    out.merged_path = base.merged_path;
    if (path.empty()) {  // the same view again
        out.merged = true;
        out.classes_root = base.classes_root;
        out.user_side = base.user_side;
        out.machine_side = base.machine_side;
        out.key = base.key;
        return status::success;
    }
    if (!out.merged_path.empty()) out.merged_path += u'\\';
    out.merged_path += path;
    size_t split = path.rfind(u'\\');
    std::u16string_view parent = split == std::u16string_view::npos ? std::u16string_view() : path.substr(0, split);
    std::u16string_view last = split == std::u16string_view::npos ? path : path.substr(split + 1);
    auto user = base.user_side, machine = base.machine_side;
    // OBJ_OPENLINK concerns the last component only.
    if (uint32_t error = walk_side(user, parent, 0)) return error;
    if (uint32_t error = walk_side(machine, parent, 0)) return error;
    if (!user && !machine) return status::file_not_found;
    if (!last.empty()) {
        auto user_child = user, machine_child = machine;
        if (uint32_t error = walk_side(user_child, last, flags)) return error;
        if (uint32_t error = walk_side(machine_child, last, flags)) return error;
        if (user_child || machine_child) {
            if (flags & key_create_link) return status::already_exists;
            user = user_child;
            machine = machine_child;
        } else {
            if (!(flags & key_create)) return status::file_not_found;
            // Keys made right below the view's root go to the machine's classes.
            if (base.classes_root && parent.empty()) user = nullptr;
            auto& side = user ? user : machine;
            if (uint32_t error = walk(side, last, flags, created)) return error;
            (user ? machine : user) = nullptr;
        }
    }
    out.merged = true;
    out.user_side = user;
    out.machine_side = machine;
    out.key = user ? user : machine;
    return status::success;
}

// The root of a merged classes view: `user_path` (full) and the machine's
// classes, both made if missing.
uint32_t open_merged_root(std::u16string_view user_path, KeyObject& out) {
    std::u16string_view rest = user_path;
    if (!strip_registry_prefix(rest)) return status::invalid_name;
    std::shared_ptr<RegistryKey> user = registry::root(), machine = registry::root();
    auto make = [](std::shared_ptr<RegistryKey>& key, std::u16string_view path) -> uint32_t {
        while (!path.empty()) {
            size_t end = path.find(u'\\');
            bool created = false;
            if (uint32_t error = walk(key, path.substr(0, end), key_create, created)) return error;
            path = end == std::u16string_view::npos ? std::u16string_view() : path.substr(end + 1);
        }
        return status::success;
    };
    if (uint32_t error = make(user, rest)) return error;
    if (uint32_t error = make(machine, u"Machine\\Software\\Classes")) return error;
    out.merged = out.classes_root = true;
    out.user_root = user;
    out.user_side = user;
    out.machine_side = machine;
    out.key = machine;  // "If you write keys to a key under HKEY_CLASSES_ROOT, the system stores the information under HKEY_LOCAL_MACHINE\Software\Classes"
    return status::success;
}

}  // namespace

void handle_open_key(Request& request, Reply& reply) {
    auto req = request.get<open_key_request>();
    if (request.view.var_size % 2 ||
        req.flags & ~uint32_t{key_create | key_volatile | key_create_link | key_open_link | key_merged_classes})
        return reply.fail(status::invalid_parameter);
    std::u16string path = utf16_of(request.view.var, request.view.var_size);
    auto object = std::make_shared<KeyObject>();
    bool created = false;
    if (req.flags & key_merged_classes) {
        if (req.root) return reply.fail(status::invalid_parameter);
        if (uint32_t error = open_merged_root(path, *object)) return reply.fail(error);
    } else if (req.root) {
        auto base = resolve_as<KeyObject>(*request.client.process, req.root, ObjectType::key);
        if (!base) return reply.fail(status::invalid_handle);
        if (base->key->deleted) return reply.fail(status::key_deleted);
        if (!path.empty() && path[0] == u'\\') return reply.fail(status::invalid_name);
        if (base->merged) {
            refresh_merged(*base);
            if (uint32_t error = walk_merged(*base, path, req.flags, *object, created)) return reply.fail(error);
        } else {
            object->key = base->key;
            if (uint32_t error = walk(object->key, path, req.flags, created)) return reply.fail(error);
        }
    } else {
        // A full path: \Registry\...
        std::u16string_view rest(path);
        if (!strip_registry_prefix(rest))
            return reply.fail(rest.empty() || rest[0] != u'\\' ? status::invalid_name : status::path_not_found);
        object->key = registry::root();
        if (uint32_t error = walk(object->key, rest, req.flags, created)) return reply.fail(error);
    }
    HandleEntry entry;
    entry.object = object;
    entry.access = key_access(req.access);
    entry.inherit = req.inherit != 0;
    uint64_t handle = request.client.process->handles.insert(std::move(entry));
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(open_key_reply{handle, created ? 1u : 0u, 0});
}

void handle_set_value(Request& request, Reply& reply) {
    auto req = request.get<set_value_request>();
    if (req.name_bytes % 2 || req.name_bytes > request.view.var_size || req.name_bytes / 2 > kMaxValueNameLength)
        return reply.fail(status::invalid_parameter);
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_SET_VALUE, key)) return reply.fail(error);
    hive::Value value;
    value.name = utf16_of(request.view.var, req.name_bytes);
    value.type = req.type;
    value.data.assign(reinterpret_cast<const char*>(request.view.var) + req.name_bytes,
                      request.view.var_size - req.name_bytes);
    // A link holds its target and nothing else.
    if (key->is_link && (value.type != 6 /* REG_LINK */ || registry::fold(value.name) != registry::fold(kLinkValueName)))
        return reply.fail(status::access_denied);
    key->set_value(std::move(value));
    registry::changed(*key, registry::change_last_set);
    reply.set(set_value_reply{});
}

void handle_query_value(Request& request, Reply& reply) {
    auto req = request.get<query_value_request>();
    if (request.view.var_size % 2) return reply.fail(status::invalid_parameter);
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_QUERY_VALUE, key)) return reply.fail(error);
    const hive::Value* value = key->find_value(value_name(request));
    if (!value) return reply.fail(status::file_not_found);
    reply.var = value->data;
    reply.set(query_value_reply{value->type, 0});
}

namespace {

// The subkeys a handle shows, in order, to `visit` (false: stop): its key's,
// or for the merged classes view the union of both sides' (the user's
// spelling and key where both have one).
template <typename Visit>
void visit_subkeys(const KeyObject& object, Visit visit) {
    if (!object.merged || !object.user_side || !object.machine_side || object.user_side->deleted ||
        object.machine_side->deleted) {
        for (const auto& [folded, sub] : object.key->children)
            if (!visit(*sub)) return;
        return;
    }
    const auto& user = object.user_side->children;
    const auto& machine = object.machine_side->children;
    auto u = user.begin(), m = machine.begin();
    while (u != user.end() || m != machine.end()) {
        const RegistryKey* next;
        if (m == machine.end() || (u != user.end() && u->first <= m->first)) {
            if (m != machine.end() && u->first == m->first) ++m;
            next = (u++)->second.get();
        } else {
            next = (m++)->second.get();
        }
        if (!visit(*next)) return;
    }
}

// The values a handle shows, in order: its key's, then for a key of the
// merged view that both sides have, the machine's values the user's key
// lacks (Windows enumerates both; a query reads the user's key alone).
struct ShownValues {
    const std::vector<hive::Value>& own;
    std::vector<const hive::Value*> machine_only;  // the other side's
    size_t size() const { return own.size() + machine_only.size(); }
    const hive::Value& operator[](size_t index) const {
        return index < own.size() ? own[index] : *machine_only[index - own.size()];
    }
};

ShownValues shown_values(const KeyObject& object) {
    ShownValues shown{object.key->values, {}};
    View view = view_of(object);
    if (!view.user || !view.machine) return shown;
    // The other side's values the handle's key lacks (the machine's, but
    // for the classes root itself, whose key is the machine's).
    const RegistryKey& other = view.user == object.key ? *view.machine : *view.user;
    for (const auto& value : other.values)
        if (object.key->value_index.find(object.key->values, value.name) < 0) shown.machine_only.push_back(&value);
    return shown;
}

}  // namespace

void handle_enum_key(Request& request, Reply& reply) {
    auto req = request.get<enum_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_ENUMERATE_SUB_KEYS, key)) return reply.fail(error);
    auto object = resolve_as<KeyObject>(*request.client.process, req.handle, ObjectType::key);
    const RegistryKey* found = nullptr;
    uint32_t at = 0;
    visit_subkeys(*object, [&](const RegistryKey& sub) {
        if (at++ < req.index) return true;
        found = &sub;
        return false;
    });
    if (!found) return reply.fail(status::no_more_items);
    const RegistryKey& sub = *found;
    reply.var.assign(reinterpret_cast<const char*>(sub.name.data()), sub.name.size() * 2);
    reply.set(enum_key_reply{sub.modified});
}

void handle_enum_value(Request& request, Reply& reply) {
    auto req = request.get<enum_value_request>();
    std::shared_ptr<KeyObject> object;
    if (uint32_t error = object_of(request, req.handle, KEY_QUERY_VALUE, object)) return reply.fail(error);
    ShownValues values = shown_values(*object);
    if (req.index >= values.size()) return reply.fail(status::no_more_items);
    const hive::Value& value = values[req.index];
    reply.var.assign(reinterpret_cast<const char*>(value.name.data()), value.name.size() * 2);
    reply.var += value.data;
    reply.set(enum_value_reply{value.type, static_cast<uint32_t>(value.name.size() * 2)});
}

void handle_key_values(Request& request, Reply& reply) {
    auto req = request.get<key_values_request>();
    std::shared_ptr<KeyObject> object;
    if (uint32_t error = object_of(request, req.handle, KEY_QUERY_VALUE, object)) return reply.fail(error);
    ShownValues values = shown_values(*object);
    // Bounded well below the frame limit; the client asks again from `next`.
    constexpr size_t kReplyBudget = 256 * 1024;
    key_values_reply out{0, req.first, 0, 0};
    for (size_t index = req.first; index < values.size(); ++index) {
        const hive::Value& value = values[index];
        key_value_record record{value.type, static_cast<uint32_t>(value.name.size() * 2),
                                static_cast<uint32_t>(value.data.size())};
        size_t size = sizeof(record) + record.name_bytes + record.data_bytes;
        if (out.count && reply.var.size() + size > kReplyBudget) break;
        if (reply.var.size() + size > kMaxVarSize) break;  // one value larger than a frame: enum_value serves it
        reply.var.append(reinterpret_cast<const char*>(&record), sizeof(record));
        reply.var.append(reinterpret_cast<const char*>(value.name.data()), record.name_bytes);
        reply.var += value.data;
        ++out.count;
        out.next = static_cast<uint32_t>(index + 1);
    }
    if (req.first >= values.size()) out.next = static_cast<uint32_t>(values.size());
    out.done = out.next >= values.size() ? 1 : 0;
    reply.set(out);
}

void handle_query_key(Request& request, Reply& reply) {
    auto req = request.get<query_key_request>();
    if (req.what > query_key_handle_only) return reply.fail(status::invalid_parameter);
    // "If KeyInformationClass is KeyNameInformation or
    // KeyHandleTagsInformation, the KEY_QUERY_VALUE requirement does not apply."
    std::shared_ptr<KeyObject> object;
    uint32_t needed = req.what == query_key_counts ? KEY_QUERY_VALUE : 0;
    if (uint32_t error = object_of(request, req.handle, needed, object)) return reply.fail(error);
    const auto& key = object->key;
    query_key_reply info{};
    info.is_volatile = key->is_volatile;
    info.is_link = key->is_link;
    info.name_length = static_cast<uint32_t>(key->name.size());
    if (req.what == query_key_full_name) {
        std::u16string name = registry::windows_name(*key);
        reply.var.assign(reinterpret_cast<const char*>(name.data()), name.size() * 2);
        return reply.set(info);
    }
    if (req.what == query_key_handle_only) return reply.set(info);
    info.modified = key->modified;
    visit_subkeys(*object, [&](const RegistryKey& sub) {
        ++info.subkeys;
        info.max_subkey_length = std::max(info.max_subkey_length, static_cast<uint32_t>(sub.name.size()));
        return true;
    });
    ShownValues values = shown_values(*object);
    info.values = static_cast<uint32_t>(values.size());
    for (size_t index = 0; index < values.size(); ++index) {
        const hive::Value& value = values[index];
        info.max_value_name_length = std::max(info.max_value_name_length, static_cast<uint32_t>(value.name.size()));
        info.max_value_data = std::max(info.max_value_data, static_cast<uint32_t>(value.data.size()));
    }
    reply.var.assign(reinterpret_cast<const char*>(key->name.data()), key->name.size() * 2);
    reply.set(info);
}

void handle_delete_key(Request& request, Reply& reply) {
    auto req = request.get<delete_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, DELETE, key)) return reply.fail(error);
    // Hive roots and keys with subkeys stay (STATUS_CANNOT_DELETE).
    if (is_hive_root(*key) || !key->children.empty()) return reply.fail(status::access_denied);
    RegistryKey* parent = key->parent;
    remove_key(*key);
    registry::changed(*parent, registry::change_name);
    reply.set(delete_key_reply{});
}

void handle_delete_value(Request& request, Reply& reply) {
    auto req = request.get<delete_value_request>();
    if (request.view.var_size % 2) return reply.fail(status::invalid_parameter);
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_SET_VALUE, key)) return reply.fail(error);
    if (!key->erase_value(value_name(request))) return reply.fail(status::file_not_found);
    registry::changed(*key, registry::change_last_set);
    reply.set(delete_value_reply{});
}

void handle_notify_key(Request& request, Reply& reply) {
    auto req = request.get<notify_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_NOTIFY, key)) return reply.fail(error);
    auto owner = resolve_as<KeyObject>(*request.client.process, req.handle, ObjectType::key);
    auto event = resolve_as<SyncObject>(*request.client.process, req.event, ObjectType::event);
    if (!event) return reply.fail(status::invalid_handle);
    std::shared_ptr<KeyObject> second;
    if (req.second) {
        if (uint32_t error = object_of(request, req.second, KEY_NOTIFY, second)) return reply.fail(error);
        // "You can't provide a key in the same hive as the MasterKeyHandle key."
        if (registry::windows_hive_root(*second->key) == registry::windows_hive_root(*key))
            return reply.fail(status::invalid_parameter);
    }
    if (!owner->notify_filter) {
        owner->notify_filter = req.filter;
        owner->notify_subtree = req.subtree != 0;
    }
    registry::watch(*owner, std::move(event), owner->notify_filter, owner->notify_subtree,
                    req.thread_agnostic ? 0 : request.view.thread_id, second.get());
    reply.set(notify_key_reply{});
}

void handle_rename_key(Request& request, Reply& reply) {
    auto req = request.get<rename_key_request>();
    if (request.view.var_size % 2) return reply.fail(status::invalid_parameter);
    std::u16string name = utf16_of(request.view.var, request.view.var_size);
    if (name.empty() || name.size() > kMaxKeyNameLength || name.find(u'\\') != std::u16string::npos)
        return reply.fail(status::invalid_parameter);
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, KEY_WRITE, key)) return reply.fail(error);
    if (is_hive_root(*key)) return reply.fail(status::access_denied);
    RegistryKey& parent = *key->parent;
    std::u16string old_folded = registry::fold(key->name), new_folded = registry::fold(name);
    if (new_folded != old_folded) {
        if (parent.children.count(new_folded)) return reply.fail(status::already_exists);
        auto node = parent.children.extract(old_folded);
        node.key() = new_folded;
        parent.children.insert(std::move(node));
    }
    key->name = name;
    registry::changed(*key, 0);
    registry::changed(parent, registry::change_name);
    reply.set(rename_key_reply{});
}

void handle_copy_tree(Request& request, Reply& reply) {
    auto req = request.get<copy_tree_request>();
    std::shared_ptr<KeyObject> source, target;
    if (uint32_t error = object_of(request, req.source, KEY_READ & ~0x20000u, source)) return reply.fail(error);
    if (uint32_t error = object_of(request, req.target, KEY_CREATE_SUB_KEY, target)) return reply.fail(error);
    // Through HKEY_CLASSES_ROOT both sides are read, and written by its rules.
    View from = view_of(*source);
    if (uint32_t error = apply(snapshot(from.user.get(), from.machine.get()), view_of(*target)))
        return reply.fail(error);
    reply.set(copy_tree_reply{});
}

void handle_delete_tree(Request& request, Reply& reply) {
    auto req = request.get<delete_tree_request>();
    std::shared_ptr<KeyObject> object;
    uint32_t needed = KEY_ENUMERATE_SUB_KEYS | (req.keep_key ? KEY_SET_VALUE : DELETE);
    if (uint32_t error = object_of(request, req.handle, needed, object)) return reply.fail(error);
    // Through HKEY_CLASSES_ROOT every subkey the view shows goes, from both
    // sides (RegDeleteTree deletes each subkey it enumerates until none is
    // left, and a key both sides have shows again once the user's is gone);
    // the key itself goes as RegDeleteKey has it go: the user's when it has
    // one, and with it only its own values.
    View view = view_of(*object);
    std::vector<std::shared_ptr<RegistryKey>> sides;
    if (view.user) sides.push_back(view.user);
    sides.push_back(view.machine);
    if (req.keep_key) {
        // \Registry and \Registry\User hold hives, which stay.
        for (const auto& side : sides)
            for (const auto& [folded, sub] : side->children)
                if (is_hive_root(*sub)) return reply.fail(status::access_denied);
        for (const auto& side : sides) {
            bool had_values = !side->values.empty(), had_children = !side->children.empty();
            while (!side->children.empty()) remove_key(*side->children.begin()->second);
            side->clear_values();
            if (had_children) registry::changed(*side, registry::change_name);
            if (had_values) registry::changed(*side, registry::change_last_set);
        }
    } else {
        const auto& key = object->key;
        if (is_hive_root(*key)) return reply.fail(status::access_denied);
        for (const auto& side : sides) {
            if (side == key || side->children.empty()) continue;
            while (!side->children.empty()) remove_key(*side->children.begin()->second);
            registry::changed(*side, registry::change_name);
        }
        RegistryKey* parent = key->parent;
        remove_key(*key);
        registry::changed(*parent, registry::change_name);
    }
    reply.set(delete_tree_reply{});
}

namespace {

constexpr unsigned kBackupPrivilege = 17, kRestorePrivilege = 18;  // LUIDs

// Privileges are enabled in the process's primary token, which exists
// once the process has opened it (enabling one needs that).
bool privilege_enabled(const Process& process, unsigned luid) {
    return process.token && (process.token->enabled >> luid) & 1;
}

std::shared_ptr<FileObject> file_of(Request& request, uint64_t handle) {
    auto file = resolve_as<FileObject>(*request.client.process, handle, ObjectType::file);
    return file && file->fd >= 0 ? file : nullptr;
}

// The key at `path` (relative, '\' separated) below `base`, made as needed.
RegistryKey& descend(RegistryKey& base, std::u16string_view path) {
    RegistryKey* key = &base;
    while (!path.empty()) {
        size_t end = path.find(u'\\');
        std::u16string_view part = path.substr(0, end);
        path = end == std::u16string_view::npos ? std::u16string_view() : path.substr(end + 1);
        if (part.empty() || part.size() > kMaxKeyNameLength) continue;
        auto next = registry::child(*key, part);
        key = next ? next.get() : registry::add_child(*key, part, key->is_volatile).get();
    }
    return *key;
}

}  // namespace

void handle_save_key(Request& request, Reply& reply) {
    auto req = request.get<save_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, 0, key)) return reply.fail(error);
    auto file = file_of(request, req.file);
    if (!file) return reply.fail(status::invalid_handle);
    if (!privilege_enabled(*request.client.process, kBackupPrivilege)) return reply.fail(status::privilege_not_held);
    std::string text = registry::subtree_text(*key);
    for (size_t done = 0; done < text.size();) {
        ssize_t wrote = write(file->fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return reply.fail(status::access_denied);
        done += static_cast<size_t>(wrote);
    }
    reply.set(save_key_reply{});
}

namespace {

// The whole text of a hive file the client opened.
uint32_t read_hive_file(const FileObject& file, std::string& text) {
    constexpr size_t kMaxHiveFile = 256u << 20;  // a hostile file costs at most this much memory
    char buffer[65536];
    for (off_t at = 0;;) {
        ssize_t got = pread(file.fd, buffer, sizeof(buffer), at);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return status::access_denied;
        if (got == 0) break;
        text.append(buffer, static_cast<size_t>(got));
        at += got;
        if (text.size() > kMaxHiveFile) return status::registry_corrupt;
    }
    return status::success;
}

// The key named by `root` and the var path (as open_key names them) split
// into its parent, which must exist, and its last component; the parent
// must be \Registry\Machine or \Registry\User, where hives are mounted.
uint32_t hive_place(Request& request, uint64_t root, std::shared_ptr<RegistryKey>& parent, std::u16string& name) {
    if (request.view.var_size % 2) return status::invalid_parameter;
    std::u16string path = utf16_of(request.view.var, request.view.var_size);
    std::u16string_view rest(path);
    while (!rest.empty() && rest.back() == u'\\') rest.remove_suffix(1);
    if (root) {
        auto base = resolve_as<KeyObject>(*request.client.process, root, ObjectType::key);
        if (!base) return status::invalid_handle;
        if (base->key->deleted) return status::key_deleted;
        if (base->merged) return status::invalid_parameter;  // HKEY_CLASSES_ROOT is no place for a hive
        if (!rest.empty() && rest[0] == u'\\') return status::invalid_name;
        parent = base->key;
    } else {
        if (!strip_registry_prefix(rest)) return status::invalid_name;
        parent = registry::root();
    }
    size_t split = rest.rfind(u'\\');
    std::u16string_view last = split == std::u16string_view::npos ? rest : rest.substr(split + 1);
    if (split != std::u16string_view::npos) {
        bool created = false;
        if (uint32_t error = walk(parent, rest.substr(0, split), 0, created)) return error;
    }
    if (last.empty() || last.size() > kMaxKeyNameLength) return status::invalid_name;
    if (!parent->parent || parent->parent != registry::root().get()) return status::invalid_parameter;
    name = std::u16string(last);
    return status::success;
}

}  // namespace

namespace {

// The hive file behind `file`: its own path (not one the client claims),
// where it is written back, its identity and its keys. A file that does not
// parse whole is refused; an empty one is a new, empty hive.
uint32_t path_of(const FileObject& file, std::string& path) {
    char link[64], target[4096];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", file.fd);
    ssize_t length = readlink(link, target, sizeof(target) - 1);
    if (length <= 0 || target[0] != '/') return status::access_denied;
    path.assign(target, static_cast<size_t>(length));
    return status::success;
}

uint32_t read_hive(const FileObject& file, struct stat& st, std::string& path, hive::Parsed& parsed) {
    if (fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) return status::access_denied;
    if (uint32_t error = path_of(file, path)) return error;
    std::string text;
    if (uint32_t error = read_hive_file(file, text)) return error;
    if (!text.empty()) {
        parsed = hive::parse(text);
        if (!parsed.errors.empty()) return status::registry_corrupt;
    }
    return status::success;
}

// RegLoadAppKey's hive: "\Registry\A\NAME", outside the namespace.
void load_app_key(Request& request, Reply& reply, const load_key_request& req, const FileObject& file) {
    if (req.root || request.view.var_size % 2) return reply.fail(status::invalid_parameter);
    std::u16string path = utf16_of(request.view.var, request.view.var_size);
    std::u16string_view rest(path);
    if (!strip_registry_prefix(rest) || rest.size() < 3 || registry::fold(rest.substr(0, 2)) != u"A\\")
        return reply.fail(status::invalid_name);
    std::u16string_view name = rest.substr(2);
    if (name.empty() || name.size() > kMaxKeyNameLength || name.find(u'\\') != std::u16string_view::npos)
        return reply.fail(status::invalid_name);
    struct stat st;
    if (fstat(file.fd, &st) != 0) return reply.fail(status::access_denied);
    bool is_private = false;
    // "If it has been loaded, the registry will return a handle to the
    // previously loaded hive rather than re-loading the hive."
    std::shared_ptr<RegistryKey> key = registry::app_hive_of_file(st.st_dev, st.st_ino, is_private);
    if (key && (is_private || (req.flags & load_private))) return reply.fail(status::sharing_violation);
    if (!key) {
        if (registry::hive_file_in_use(st.st_dev, st.st_ino)) return reply.fail(status::sharing_violation);
        std::string file_path;
        hive::Parsed parsed;
        if (uint32_t error = read_hive(file, st, file_path, parsed)) return reply.fail(error);
        key = registry::load_app_hive(name, file_path, parsed, req.flags & load_private);
        if (!key) return reply.fail(status::already_exists);
    }
    auto object = std::make_shared<KeyObject>();
    object->key = key;
    HandleEntry entry;
    entry.object = object;
    entry.access = key_access(req.access);
    uint64_t handle = request.client.process->handles.insert(std::move(entry));
    if (!handle) return reply.fail(status::not_enough_memory);  // the object's end unloads a new hive again
    reply.set(load_key_reply{handle});
}

}  // namespace

void handle_load_key(Request& request, Reply& reply) {
    auto req = request.get<load_key_request>();
    if (req.flags & ~uint32_t{load_app_hive | load_private}) return reply.fail(status::invalid_parameter);
    auto file = file_of(request, req.file);
    if (!file) return reply.fail(status::invalid_handle);
    if (req.flags & load_app_hive) return load_app_key(request, reply, req, *file);
    std::shared_ptr<RegistryKey> parent;
    std::u16string name;
    if (uint32_t error = hive_place(request, req.root, parent, name)) return reply.fail(error);
    const Process& process = *request.client.process;
    if (!privilege_enabled(process, kRestorePrivilege) || !privilege_enabled(process, kBackupPrivilege))
        return reply.fail(status::privilege_not_held);
    if (registry::child(*parent, name)) return reply.fail(status::already_exists);
    struct stat st;
    if (fstat(file->fd, &st) != 0) return reply.fail(status::access_denied);
    if (registry::hive_file_in_use(st.st_dev, st.st_ino)) return reply.fail(status::sharing_violation);
    std::string path;
    hive::Parsed parsed;
    if (uint32_t error = read_hive(*file, st, path, parsed)) return reply.fail(error);
    registry::load_hive(*parent, name, path, parsed);
    registry::changed(*parent, registry::change_name);
    reply.set(load_key_reply{0});
}

void handle_unload_key(Request& request, Reply& reply) {
    auto req = request.get<unload_key_request>();
    std::shared_ptr<RegistryKey> parent;
    std::u16string name;
    if (uint32_t error = hive_place(request, req.root, parent, name)) return reply.fail(error);
    const Process& process = *request.client.process;
    if (!privilege_enabled(process, kRestorePrivilege) || !privilege_enabled(process, kBackupPrivilege))
        return reply.fail(status::privilege_not_held);
    auto key = registry::child(*parent, name);
    if (!key) return reply.fail(status::file_not_found);
    if (!registry::is_loaded_hive(*key)) return reply.fail(status::access_denied);  // the prefix's hives and plain keys stay
    // The tree's, the hive's and `key`.
    if (!req.force && registry::held(key, 3)) return reply.fail(status::hive_in_use);
    registry::unload_hive(*key);
    remove_key(*key);
    registry::changed(*parent, registry::change_name);
    reply.set(unload_key_reply{});
}

void handle_replace_key(Request& request, Reply& reply) {
    auto req = request.get<replace_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, 0, key)) return reply.fail(error);
    auto new_file = file_of(request, req.new_file), old_file = file_of(request, req.old_file);
    if (!new_file || !old_file) return reply.fail(status::invalid_handle);
    const Process& process = *request.client.process;
    if (!privilege_enabled(process, kRestorePrivilege) || !privilege_enabled(process, kBackupPrivilege))
        return reply.fail(status::privilege_not_held);
    struct stat st;
    std::string new_path, old_path;
    hive::Parsed parsed;  // read only to refuse a file that is no hive
    if (uint32_t error = read_hive(*new_file, st, new_path, parsed)) return reply.fail(error);
    if (registry::hive_file_in_use(st.st_dev, st.st_ino)) return reply.fail(status::sharing_violation);
    if (uint32_t error = path_of(*old_file, old_path)) return reply.fail(error);
    if (!registry::replace_hive_file(*key, new_path, old_path)) return reply.fail(status::access_denied);
    reply.set(replace_key_reply{});
}

void handle_restore_key(Request& request, Reply& reply) {
    auto req = request.get<restore_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, 0, key)) return reply.fail(error);
    auto file = file_of(request, req.file);
    if (!file) return reply.fail(status::invalid_handle);
    if (!privilege_enabled(*request.client.process, kRestorePrivilege)) return reply.fail(status::privilege_not_held);
    std::string text;
    if (uint32_t error = read_hive_file(*file, text)) return reply.fail(error);
    hive::Parsed parsed = hive::parse(text);
    if (!parsed.errors.empty()) return reply.fail(status::registry_corrupt);
    while (!key->children.empty()) remove_key(*key->children.begin()->second);
    key->clear_values();
    for (auto& saved : parsed.keys) {
        RegistryKey& node = descend(*key, saved.path);
        node.is_link = saved.is_link;
        if (!saved.security.empty()) node.security = std::move(saved.security);
        for (auto& value : saved.values) node.set_value(std::move(value));
        registry::changed(node, 0);
    }
    // Change kind 0: "RegNotifyChangeKeyValue cannot detect changes that
    // result from using the RegRestoreKey function."
    registry::changed(*key, 0);
    reply.set(restore_key_reply{});
}

void handle_flush_key(Request& request, Reply& reply) {
    auto req = request.get<flush_key_request>();
    std::shared_ptr<RegistryKey> key;
    if (uint32_t error = key_of(request, req.handle, 0, key)) return reply.fail(error);
    if (!registry::flush(*key)) return reply.fail(status::access_denied);
    reply.set(flush_key_reply{});
}

}  // namespace vine::server

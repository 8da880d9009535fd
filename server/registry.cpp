#include "registry.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "hive_writer.h"
#include "server.h"
#include "sync_area.h"

namespace vine::server {

// A hive: a subtree saved in one file of the prefix.
struct Hive {
    std::string path;           // the file; empty: never saved
    std::string root_comment;   // e.g. "\\Machine", for the file's header
    std::shared_ptr<RegistryKey> mount;
    bool dirty = false;
    bool loaded = false;  // mounted by NtLoadKey (NtUnloadKey may remove it)
    bool app = false;     // an application hive, unloaded with its last handle
    bool is_private = false;  // REG_PROCESS_PRIVATE: it cannot be loaded again
    uint64_t id = 0;           // names it to the writer thread, which never sees the Hive
    uint64_t last_ticket = 0;  // the writer's ticket for its last text handed over (0: none)
};

hive::Value* RegistryKey::find_value(std::u16string_view name) {
    ptrdiff_t found = value_index.find(values, name);
    return found < 0 ? nullptr : &values[found];
}

void RegistryKey::set_value(hive::Value value) {
    if (hive::Value* existing = find_value(value.name)) {
        existing->type = value.type;
        existing->data = std::move(value.data);
        return;
    }
    values.push_back(std::move(value));
    value_index.add(values, values.size() - 1);
}

bool RegistryKey::erase_value(std::u16string_view name) {
    ptrdiff_t found = value_index.find(values, name);
    if (found < 0) return false;
    value_index.erase(values, found);
    values.erase(values.begin() + found);
    return true;
}

namespace {

// Values of cleared or deleted keys, freed once the loop has answered:
// freeing 10,000 values takes it about 0.3 ms, which the client that
// deleted them need not wait for.
std::vector<std::vector<hive::Value>> g_retired_values;

}  // namespace

void RegistryKey::clear_values() {
    if (values.size() >= 64) {
        g_retired_values.push_back(std::move(values));
        values = {};
    } else {
        values.clear();
    }
    value_index.clear();
}

namespace registry {

void free_retired() {
    if (!g_retired_values.empty()) g_retired_values.clear();
}

}  // namespace registry

KeyObject::~KeyObject() {
    registry::forget_owner(*this);
    const Hive* hive = key ? key->hive : nullptr;
    // Its references go first, so that an application hive it was the last
    // holder of is seen unheld.
    key.reset();
    user_side.reset();
    machine_side.reset();
    user_root.reset();
    if (hive) registry::key_released(hive);
}

namespace registry {
namespace {

std::shared_ptr<RegistryKey> g_root;
// \Registry\A: the parent of application hives, in no key's children.
std::shared_ptr<RegistryKey>& g_app_root = *new std::shared_ptr<RegistryKey>;
// Both never freed: key objects (whose end may unload an application
// hive) may end after static destructors have run.
std::vector<std::unique_ptr<Hive>>& g_hives = *new std::vector<std::unique_ptr<Hive>>;
int g_save_timer = -1;
bool g_save_armed = false;  // a save is due within the second (asking the timer costs a syscall per change)

// A pending change notification. Its key lives as long as its owner (the
// key object holds it), and the owner's end removes it.
struct Notification {
    const KeyObject* owner;
    const RegistryKey* key;
    const RegistryKey* other_side;  // the merged view's other key of the same path, or null
    std::shared_ptr<SyncObject> event;
    uint32_t filter;
    bool subtree;
    uint32_t thread_id;  // 0: thread agnostic
    // NtNotifyChangeMultipleKeys' subordinate key (and its merged view's
    // other side), held here: the handle it came through may close.
    std::shared_ptr<RegistryKey> second, second_other;

    bool watches(const RegistryKey* at) const {
        return at == key || at == other_side || (second && (at == second.get() || at == second_other.get()));
    }
};
// Few at a time, so a list scanned per change costs nothing when empty.
// Never freed: key objects may end after static destructors have run.
std::vector<Notification>& g_notifications = *new std::vector<Notification>;

// Sets the events of the notifications `fires` picks, and forgets them.
template <typename Predicate>
void fire(Predicate fires) {
    if (g_notifications.empty()) return;
    std::vector<std::shared_ptr<SyncObject>> events;
    std::erase_if(g_notifications, [&](Notification& notification) {
        if (!fires(notification)) return false;
        events.push_back(std::move(notification.event));
        return true;
    });
    for (auto& event : events) sync_area().signal(event->slot, 1);
}

constexpr const char16_t* kUserSid = u"S-1-5-21-0-0-0-1000";

std::shared_ptr<RegistryKey> make_root() {
    auto root = std::make_shared<RegistryKey>();
    root->name = u"REGISTRY";
    root->modified = now_filetime();
    auto machine = add_child(*root, u"Machine", false);
    auto user = add_child(*root, u"User", false);
    add_child(*user, kUserSid, false);
    add_child(*user, u".Default", false);
    // \REGISTRY\USER\SID_Classes, the name Windows gives the user's
    // classes (and KeyNameInformation gives them here), opens them: a
    // volatile link to where Vine keeps them, in the user's hive.
    auto classes = add_child(*user, std::u16string(kUserSid) + u"_Classes", true);
    classes->is_link = true;
    std::u16string target = std::u16string(u"\\Registry\\User\\") + kUserSid + u"\\Software\\Classes";
    classes->set_value(hive::Value{u"SymbolicLinkValue", 6 /* REG_LINK */,
                                   std::string(reinterpret_cast<const char*>(target.data()), target.size() * 2)});
    return root;
}

// The key at `path` below `base`, made as needed ('\' separated).
std::shared_ptr<RegistryKey> make_path(const std::shared_ptr<RegistryKey>& base, std::u16string_view path) {
    auto key = base;
    while (!path.empty()) {
        size_t end = path.find(u'\\');
        std::u16string_view part = path.substr(0, end);
        path = end == std::u16string_view::npos ? std::u16string_view() : path.substr(end + 1);
        if (part.empty()) continue;
        auto next = child(*key, part);
        key = next ? next : add_child(*key, part, false);
    }
    return key;
}

std::u16string path_below(const RegistryKey& key, const RegistryKey& mount) {
    std::u16string path;
    for (const RegistryKey* at = &key; at && at != &mount; at = at->parent)
        path = path.empty() ? at->name : at->name + u"\\" + path;
    return path;
}

void collect(const RegistryKey& key, const RegistryKey& mount, std::vector<hive::Key>& out) {
    if (key.is_volatile || key.hive != mount.hive) return;  // a hive loaded below is saved in its own file
    // A key with nothing in it is written only when it has no subkeys to
    // imply it, as Wine writes its files.
    if (&key != &mount && (!key.values.empty() || key.children.empty() || !key.security.empty()))
        out.push_back(hive::Key{path_below(key, mount), key.modified, key.values, key.is_link, key.security});
    for (const auto& [name, sub] : key.children) collect(*sub, mount, out);
}

uint64_t g_next_hive_id = 1;

// The hive's keys and values, copied on the loop (the tree is the loop's
// alone).
std::vector<hive::Key> hive_keys(const Hive& hive) {
    std::vector<hive::Key> keys;
    // The root's own values under "[]", as RegSaveKey writes them.
    if (!hive.mount->values.empty()) keys.push_back(hive::Key{u"", hive.mount->modified, hive.mount->values, false, {}});
    collect(*hive.mount, *hive.mount, keys);
    return keys;
}

// Hands a copy of the hive to the writer thread. It is clean from now on:
// a change made while the copy is being written marks it dirty again and
// causes another save.
void queue_save(Hive& hive) {
    hive.dirty = false;
    hive.last_ticket = hive_writer::submit(hive.id, hive.path, hive.root_comment, hive_keys(hive));
}

// The hive as it is now, on disk when this returns (RegFlushKey, unloading,
// replacing its file): a change not yet handed over is, and the writes
// already handed over are waited for. Stalls the loop, as those callers
// need the file whole before they reply.
bool write_now(Hive& hive) {
    if (hive.path.empty()) return true;
    if (hive.dirty) queue_save(hive);
    if (!hive.last_ticket) return true;
    bool ok = hive_writer::wait(hive.last_ticket);
    if (!ok) hive.dirty = true;  // tried again at the next save
    return ok;
}

// Writes that failed on the writer thread: those hives are dirty again.
void take_write_failures() {
    for (uint64_t id : hive_writer::take_failures())
        for (auto& hive : g_hives)
            if (hive->id == id) hive->dirty = true;
}

void on_save_timer() {
    g_save_armed = false;
    uint64_t expirations;
    (void)!read(g_save_timer, &expirations, sizeof(expirations));
    take_write_failures();
    for (auto& hive : g_hives)
        if (hive->dirty && !hive->path.empty()) queue_save(*hive);
}

void populate(Hive& hive, hive::Parsed& parsed) {
    for (auto& key : parsed.keys) {
        auto node = make_path(hive.mount, key.path);
        if (key.modified) node->modified = key.modified;
        node->is_link = key.is_link;
        node->security = std::move(key.security);
        for (auto& value : key.values) node->set_value(std::move(value));
    }
}

// The hive mounted at `key`, or the end of g_hives.
std::vector<std::unique_ptr<Hive>>::iterator hive_mounted_at(const RegistryKey& key) {
    return std::find_if(g_hives.begin(), g_hives.end(), [&](const auto& hive) { return hive->mount.get() == &key; });
}

void forget_hive(RegistryKey& key) {
    key.hive = nullptr;
    for (auto& [folded, sub] : key.children) forget_hive(*sub);
}

void mount(const std::string& prefix, const char* file, const char* comment, std::u16string_view path) {
    auto hive = std::make_unique<Hive>();
    hive->path = prefix.empty() ? std::string() : prefix + "/" + file;
    hive->root_comment = comment;
    hive->mount = make_path(g_root, path);
    hive->mount->hive = hive.get();
    hive->id = g_next_hive_id++;
    Hive* raw = hive.get();
    g_hives.push_back(std::move(hive));
    if (raw->path.empty()) return;
    FILE* in = fopen(raw->path.c_str(), "re");
    if (!in) return;  // a fresh hive
    std::string text;
    char buffer[65536];
    for (size_t got; (got = fread(buffer, 1, sizeof(buffer), in)) > 0;) text.append(buffer, got);
    fclose(in);
    hive::Parsed parsed = hive::parse(text);
    populate(*raw, parsed);
    if (!parsed.errors.empty()) {
        // The good part is loaded; the file is kept as it was, for the user.
        std::string aside = raw->path + ".corrupt-" + std::to_string(time(nullptr));
        fprintf(stderr, "vineserver: registry file %s is damaged (%s%s); its readable part is loaded, the file is kept as %s\n",
                raw->path.c_str(), parsed.errors[0].c_str(), parsed.errors.size() > 1 ? ", ..." : "", aside.c_str());
        if (rename(raw->path.c_str(), aside.c_str()) == 0) raw->dirty = true;
    }
}

}  // namespace

std::string subtree_text(const RegistryKey& key) {
    std::vector<hive::Key> keys;
    if (!key.values.empty()) keys.push_back(hive::Key{u"", key.modified, key.values, false, {}});
    for (const auto& [name, sub] : key.children) collect(*sub, key, keys);
    return hive::format("\\\\" + hive::escape_key_path(path_below(key, *root())), keys);
}

bool hive_file_in_use(dev_t device, ino_t inode) {
    for (const auto& hive : g_hives) {
        struct stat st;
        if (!hive->path.empty() && stat(hive->path.c_str(), &st) == 0 && st.st_dev == device && st.st_ino == inode)
            return true;
    }
    return false;
}

std::shared_ptr<RegistryKey> load_hive(RegistryKey& parent, std::u16string_view name, const std::string& path,
                                       hive::Parsed& parsed) {
    auto key = add_child(parent, name, false);
    auto hive = std::make_unique<Hive>();
    hive->path = path;
    hive->root_comment = "\\\\" + hive::escape_key_path(path_below(*key, *root()));
    hive->mount = key;
    hive->loaded = true;
    hive->id = g_next_hive_id++;
    key->hive = hive.get();
    populate(*hive, parsed);
    g_hives.push_back(std::move(hive));
    return key;
}

std::shared_ptr<RegistryKey> load_app_hive(std::u16string_view name, const std::string& path, hive::Parsed& parsed,
                                           bool is_private) {
    if (!g_app_root) {
        g_app_root = std::make_shared<RegistryKey>();
        g_app_root->name = u"A";
        g_app_root->parent = root().get();  // so that its hives' roots are hive roots
        g_app_root->modified = now_filetime();
    }
    if (child(*g_app_root, name)) return nullptr;  // names are the caller's (random GUIDs)
    auto key = load_hive(*g_app_root, name, path, parsed);
    Hive& hive = *g_hives.back();
    hive.app = true;
    hive.is_private = is_private;
    return key;
}

std::shared_ptr<RegistryKey> app_hive_of_file(dev_t device, ino_t inode, bool& is_private) {
    for (const auto& hive : g_hives) {
        struct stat st;
        if (hive->app && stat(hive->path.c_str(), &st) == 0 && st.st_dev == device && st.st_ino == inode) {
            is_private = hive->is_private;
            return hive->mount;
        }
    }
    return nullptr;
}

bool replace_hive_file(RegistryKey& key, const std::string& new_path, const std::string& old_path) {
    auto found = std::find_if(g_hives.begin(), g_hives.end(), [&](const auto& hive) { return hive.get() == key.hive; });
    if (found == g_hives.end() || (*found)->path.empty()) return false;
    Hive& hive = **found;
    hive.dirty = true;  // written even when clean, so the old file holds the hive as it is now
    if (!write_now(hive)) return false;
    if (rename(hive.path.c_str(), old_path.c_str()) != 0) return false;
    if (rename(new_path.c_str(), hive.path.c_str()) != 0) {
        rename(old_path.c_str(), hive.path.c_str());
        return false;
    }
    hive.path = old_path;
    return true;
}

bool held(const std::shared_ptr<RegistryKey>& key, long expected) {
    if (key.use_count() > expected) return true;
    for (const auto& [folded, sub] : key->children)
        if (held(sub, 1)) return true;  // the tree's only
    return false;
}

void key_released(const Hive* released) {
    // A key deleted before its hive was unloaded may name a hive that is
    // gone: compared, never followed, until found among the living.
    auto found = std::find_if(g_hives.begin(), g_hives.end(), [&](const auto& hive) { return hive.get() == released; });
    if (found == g_hives.end() || !(*found)->app) return;
    auto mount = (*found)->mount;
    if (held(mount, 3)) return;  // the parent's, the hive's and `mount`
    write_now(**found);
    forget_hive(*mount);
    g_hives.erase(found);
    mount->deleted = true;
    g_app_root->children.erase(fold(mount->name));
}

bool is_loaded_hive(const RegistryKey& key) {
    auto found = hive_mounted_at(key);
    return found != g_hives.end() && (*found)->loaded;
}

bool unload_hive(RegistryKey& key) {
    auto found = hive_mounted_at(key);
    if (found == g_hives.end() || !(*found)->loaded) return false;
    bool written = write_now(**found);
    forget_hive(key);
    g_hives.erase(found);
    return written;
}

void forget_owner(const KeyObject& owner) {
    // "If the specified key is closed, the event is signaled."
    fire([&](const Notification& notification) { return notification.owner == &owner; });
}

std::u16string fold(std::u16string_view name) {
    std::u16string folded(name);
    for (auto& c : folded) c = fold_char(c);
    return folded;
}

std::shared_ptr<RegistryKey> root() {
    if (!g_root) {
        g_root = make_root();
        // Without load(): hives that are never saved (the fuzzer).
        if (g_hives.empty()) {
            mount("", "", "\\\\Machine", u"Machine");
            mount("", "", "", std::u16string(u"User\\") + kUserSid);
            mount("", "", "", u"User\\.Default");
        }
    }
    return g_root;
}

std::shared_ptr<RegistryKey> child(const RegistryKey& parent, std::u16string_view name) {
    auto found = parent.children.find(fold(name));
    return found == parent.children.end() ? nullptr : found->second;
}

std::shared_ptr<RegistryKey> add_child(RegistryKey& parent, std::u16string_view name, bool is_volatile) {
    auto key = std::make_shared<RegistryKey>();
    key->name = std::u16string(name);
    key->parent = &parent;
    key->modified = now_filetime();
    key->is_volatile = is_volatile;
    key->hive = parent.hive;
    parent.children.emplace(fold(name), key);
    return key;
}

void load(const std::string& prefix) {
    g_root = make_root();
    g_hives.clear();
    mount(prefix, "system.reg", "\\\\Machine", u"Machine");
    mount(prefix, "user.reg", "\\\\User\\\\S-1-5-21-0-0-0-1000", std::u16string(u"User\\") + kUserSid);
    mount(prefix, "userdef.reg", "\\\\User\\\\.Default", u"User\\.Default");
    for (auto& hive : g_hives)
        // A damaged file's good part, now whole again. On this thread: the
        // server has not daemonized yet, and a thread would not survive it.
        if (hive->dirty && hive_writer::write_file(hive->path, hive::format(hive->root_comment, hive_keys(*hive))))
            hive->dirty = false;
}

void changed(RegistryKey& key, uint32_t what) {
    sync_area().registry_changed();  // before anyone hears of the change
    if (what != change_security) key.modified = now_filetime();  // a new descriptor is no write of the key
    fire([&](const Notification& notification) {
        if (!(notification.filter & what)) return false;
        for (const RegistryKey* at = &key; at; at = at->parent) {
            if (notification.watches(at)) return true;
            if (!notification.subtree) return false;
        }
        return false;
    });
    if (key.is_volatile || !key.hive || key.hive->path.empty()) return;
    key.hive->dirty = true;
    if (g_save_timer < 0) {
        g_save_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
        if (g_save_timer < 0) return;
        watch_fd(g_save_timer, on_save_timer);
    }
    if (g_save_armed) return;
    itimerspec when{};
    when.it_value.tv_nsec = 500 * 1000 * 1000;  // well within the promised second
    g_save_armed = timerfd_settime(g_save_timer, 0, &when, nullptr) == 0;
}

namespace {

// A key of the merged classes view is watched on both of its sides.
std::shared_ptr<RegistryKey> other_side_of(const KeyObject& object) {
    if (!object.merged) return nullptr;
    const auto& side = object.key == object.user_side ? object.machine_side : object.user_side;
    return side && !side->deleted ? side : nullptr;
}

}  // namespace

void watch(const KeyObject& owner, std::shared_ptr<SyncObject> event, uint32_t filter, bool subtree,
           uint32_t thread_id, const KeyObject* second) {
    sync_area().signal(event->slot, 0);
    // HKEY_CLASSES_ROOT's keys are watched in the user's classes and the
    // machine's alike (what NtNotifyChangeMultipleKeys exists for on Windows).
    Notification notification{&owner,    owner.key.get(), other_side_of(owner).get(), std::move(event), filter, subtree,
                              thread_id, nullptr,         nullptr};
    if (second) {
        notification.second = second->key;
        notification.second_other = other_side_of(*second);
    }
    g_notifications.push_back(std::move(notification));
}

void deleted(RegistryKey& key) {
    sync_area().registry_changed();
    fire([&](const Notification& notification) {
        return notification.key == &key || notification.second.get() == &key;
    });
}

const RegistryKey* windows_hive_root(const RegistryKey& key) {
    std::vector<const RegistryKey*> chain;  // from \Registry down to `key`
    for (const RegistryKey* at = &key; at; at = at->parent) {
        // A hive NtLoadKey mounted is one on Windows too.
        if (auto found = hive_mounted_at(*at); found != g_hives.end() && (*found)->loaded) return at;
        chain.insert(chain.begin(), at);
    }
    // \Registry\User\SID\Software\Classes is the user's classes hive
    // (\REGISTRY\USER\SID_Classes on Windows).
    if (chain.size() >= 5 && fold(chain[1]->name) == u"USER" && fold(chain[3]->name) == u"SOFTWARE" &&
        fold(chain[4]->name) == u"CLASSES")
        return chain[4];
    return chain.size() >= 3 ? chain[2] : chain.back();
}

std::u16string windows_name(const RegistryKey& key) {
    std::vector<const RegistryKey*> chain;
    for (const RegistryKey* at = &key; at; at = at->parent) chain.insert(chain.begin(), at);
    std::u16string name;
    size_t from = 0;
    // The keys Windows itself makes are named in capitals: \REGISTRY,
    // MACHINE, USER, A and the hives right below them (SOFTWARE, SYSTEM,
    // .DEFAULT); keys below keep their spelling, as do loaded hives' roots.
    if (chain.size() >= 5 && fold(chain[1]->name) == u"USER" && fold(chain[3]->name) == u"SOFTWARE" &&
        fold(chain[4]->name) == u"CLASSES") {
        name = u"\\REGISTRY\\USER\\" + fold(chain[2]->name) + u"_Classes";
        from = 5;
    }
    for (size_t at = from; at < chain.size(); ++at) {
        bool windows_made = at < 2 || (at == 2 && !is_loaded_hive(*chain[at]) &&
                                       (fold(chain[1]->name) == u"MACHINE" || fold(chain[2]->name) == u".DEFAULT"));
        name += u'\\';
        name += windows_made ? fold(chain[at]->name) : chain[at]->name;
    }
    return name;
}

void thread_ended(uint32_t thread_id) {
    fire([&](const Notification& notification) { return notification.thread_id == thread_id; });
}

bool flush(RegistryKey& key) { return !key.hive || write_now(*key.hive); }

void save_all() {
    take_write_failures();
    for (auto& hive : g_hives)
        if (hive->dirty && !hive->path.empty()) queue_save(*hive);
    hive_writer::stop();  // returns when every write is on disk
}

}  // namespace registry
}  // namespace vine::server

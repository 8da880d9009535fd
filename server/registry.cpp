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

void RegistryKey::clear_values() {
    values.clear();
    value_index.clear();
}

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

bool write_all(int fd, const std::string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t wrote = write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return false;
        done += static_cast<size_t>(wrote);
    }
    return true;
}

// Temporary file, fsync, rename over the hive, fsync the directory: a crash
// at any point leaves either the old file or the new one, never half of one.
bool save(Hive& hive) {
    if (hive.path.empty()) return true;
    std::vector<hive::Key> keys;
    // The root's own values under "[]", as RegSaveKey writes them.
    if (!hive.mount->values.empty()) keys.push_back(hive::Key{u"", hive.mount->modified, hive.mount->values, false, {}});
    collect(*hive.mount, *hive.mount, keys);
    std::string text = hive::format(hive.root_comment, keys);
    std::string temporary = hive.path + ".tmp";
    int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = write_all(fd, text) && fsync(fd) == 0;
    ok &= close(fd) == 0;
    if (ok) ok = rename(temporary.c_str(), hive.path.c_str()) == 0;
    if (!ok) {
        log("registry: cannot write %s: %s", hive.path.c_str(), strerror(errno));
        unlink(temporary.c_str());
        return false;
    }
    std::string directory = hive.path.substr(0, hive.path.rfind('/'));
    if (int dir = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        fsync(dir);
        close(dir);
    }
    hive.dirty = false;
    return true;
}

void on_save_timer() {
    g_save_armed = false;
    uint64_t expirations;
    (void)!read(g_save_timer, &expirations, sizeof(expirations));
    save_all();
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
    if (!save(hive)) return false;  // the old file holds the hive as it is now
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
    if ((*found)->dirty) save(**found);
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
    bool written = !(*found)->dirty || save(**found);
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
        if (hive->dirty) save(*hive);  // a damaged file's good part, now whole again
}

void changed(RegistryKey& key, uint32_t what) {
    sync_area().registry_changed();  // before anyone hears of the change
    if (what != change_security) key.modified = now_filetime();  // a new descriptor is no write of the key
    fire([&](const Notification& notification) {
        if (!(notification.filter & what)) return false;
        for (const RegistryKey* at = &key; at; at = at->parent) {
            if (at == notification.key || at == notification.other_side) return true;
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

void watch(const KeyObject& owner, std::shared_ptr<SyncObject> event, uint32_t filter, bool subtree,
           uint32_t thread_id) {
    sync_area().signal(event->slot, 0);
    // HKEY_CLASSES_ROOT's keys are watched in the user's classes and the
    // machine's alike (what NtNotifyChangeMultipleKeys exists for on Windows).
    const RegistryKey* other = nullptr;
    if (owner.merged) {
        const auto& side = owner.key == owner.user_side ? owner.machine_side : owner.user_side;
        if (side && !side->deleted) other = side.get();
    }
    g_notifications.push_back(
        Notification{&owner, owner.key.get(), other, std::move(event), filter, subtree, thread_id});
}

void deleted(RegistryKey& key) {
    sync_area().registry_changed();
    fire([&](const Notification& notification) { return notification.key == &key; });
}

void thread_ended(uint32_t thread_id) {
    fire([&](const Notification& notification) { return notification.thread_id == thread_id; });
}

bool flush(RegistryKey& key) { return !key.hive || !key.hive->dirty || save(*key.hive); }

void save_all() {
    for (auto& hive : g_hives)
        if (hive->dirty) save(*hive);
}

}  // namespace registry
}  // namespace vine::server

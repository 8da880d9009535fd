// The registry: one tree of keys under \Registry, owned by the server, its
// hives loaded from the prefix's files at start and written back, crash-
// safely, within a second of a change and at exit (registry.cpp). The
// requests on it are in requests_registry.cpp.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hive_file.h"
#include "objects.h"
#include "value_index.h"

namespace vine::server {

struct Hive;

struct RegistryKey {
    std::u16string name;  // as first spelled
    RegistryKey* parent = nullptr;  // null for \Registry; the parent outlives its children
    // Subkeys by their name folded to upper case: Windows' enumeration order.
    std::map<std::u16string, std::shared_ptr<RegistryKey>> children;
    std::vector<hive::Value> values;  // in the order first set
    ValueIndex value_index;  // each value's place in `values`

    hive::Value* find_value(std::u16string_view name);
    // Replaces the value of that name (keeping its place and spelling) or
    // adds it at the end.
    void set_value(hive::Value value);
    bool erase_value(std::u16string_view name);
    void clear_values();
    int64_t modified = 0;
    bool is_volatile = false;
    bool is_link = false;  // REG_OPTION_CREATE_LINK: opening it opens its target
    // The self-relative descriptor a program set (RegSetKeySecurity), kept
    // in the hive; empty: the default one ntdll builds.
    std::string security;
    bool deleted = false;
    Hive* hive = nullptr;  // the hive it is saved in (null: never saved)
};

// A handle's object: the key it opened (which may since have been deleted).
// Change notifications registered through it end with it.
struct KeyObject : Object {
    KeyObject() : Object(ObjectType::key) {}
    ~KeyObject() override;
    std::shared_ptr<RegistryKey> key;
    // A key of the merged classes view (HKEY_CLASSES_ROOT): the same path in
    // the user's classes and in the machine's, either of them missing (not
    // both); `key` is the user's one when it exists, so values are read and
    // written there, and subkeys are the union of both sides'.
    bool merged = false;
    bool classes_root = false;  // the view's root: keys made right below it go to the machine's side
    std::shared_ptr<RegistryKey> user_side, machine_side;
    // The user's classes key of the view and this key's path below it: a
    // key the user's side lacked when opened is looked for again on each
    // use, so a handle opened on the machine's key sees the user's key once
    // one is made (values are then read and written there, as Windows does).
    std::shared_ptr<RegistryKey> user_root;
    std::u16string merged_path;
    // What the first notification registered through it watches: later
    // ones keep it, as Windows ignores a new filter on the same handle.
    uint32_t notify_filter = 0;
    bool notify_subtree = false;
};

namespace registry {

// Loads system.reg, user.reg and userdef.reg from `prefix`; a file that
// cannot be read whole is reported on stderr, its good part kept, and the
// file itself kept aside as NAME.corrupt-TIME. Without a call (the fuzzer),
// the registry is empty and nothing is saved.
void load(const std::string& prefix);
// Writes every changed hive now (at exit).
void save_all();
// What changed, as the REG_NOTIFY_CHANGE_* filters name it.
enum : uint32_t { change_name = 1, change_attributes = 2, change_last_set = 4, change_security = 8 };
// `key` changed (`what`): its hive is written within a second, and the
// notifications watching it fire.
void changed(RegistryKey& key, uint32_t what);
// A change notification registered through `owner` on its key
// (notify_key): `event` is set once, then the registration is gone.
// A key of the merged classes view is watched on both of its sides; with
// `second` (NtNotifyChangeMultipleKeys), its key is watched too, and may
// outlive that object.
void watch(const KeyObject& owner, std::shared_ptr<SyncObject> event, uint32_t filter, bool subtree,
           uint32_t thread_id, const KeyObject* second = nullptr);
// The root of the hive `key` is in, as Windows divides the registry:
// \Registry\Machine\X for each X (SOFTWARE, SYSTEM...), a user's key, a
// user's classes (Software\Classes below it), a hive NtLoadKey mounted.
const RegistryKey* windows_hive_root(const RegistryKey& key);
// The full name NtQueryKey(KeyNameInformation) gives `key`, such as
// \REGISTRY\MACHINE\SOFTWARE\Vine or \REGISTRY\USER\SID\Software, and a
// user's classes as \REGISTRY\USER\SID_Classes\... (Windows' name for them).
std::u16string windows_name(const RegistryKey& key);
// `key` is deleted: the notifications on it fire.
void deleted(RegistryKey& key);
// Frees the values of keys cleared or deleted since the last call (the
// main loop calls it once it has answered what was ready).
void free_retired();
// Thread `thread_id` ended: the notifications it registered (without
// REG_NOTIFY_THREAD_AGNOSTIC) fire.
void thread_ended(uint32_t thread_id);
// The key object `owner` is going: its notifications fire.
void forget_owner(const KeyObject& owner);
// Writes the hive of `key` now (RegFlushKey).
bool flush(RegistryKey& key);

// The text of the subtree of `key` (its own values under "[]"), paths
// relative to it: what RegSaveKey writes.
std::string subtree_text(const RegistryKey& key);

// Hives loaded by NtLoadKey: the file `path` (its text `parsed`) mounted
// as the new key `name` of `parent`, written back as the prefix's hives are.
std::shared_ptr<RegistryKey> load_hive(RegistryKey& parent, std::u16string_view name, const std::string& path,
                                       hive::Parsed& parsed);
// Whether the file (device, inode) is the file of a mounted hive.
bool hive_file_in_use(dev_t device, ino_t inode);
// NtReplaceKey: the file of the hive holding `key` is renamed `old_path`
// and written there from now on; `new_path` takes its name, to be loaded at
// the next start. False when the hive has no file or a rename failed.
bool replace_hive_file(RegistryKey& key, const std::string& new_path, const std::string& old_path);
// Application hives (RegLoadAppKey): mounted as `name` below a key that is
// in no path (\Registry\A, which cannot be opened or enumerated), and
// unloaded when no handle holds a key of them any more; null when an
// application hive of that name exists.
std::shared_ptr<RegistryKey> load_app_hive(std::u16string_view name, const std::string& path, hive::Parsed& parsed,
                                           bool is_private);
// The root of the application hive of that file, or null; `is_private`:
// it was loaded with REG_PROCESS_PRIVATE.
std::shared_ptr<RegistryKey> app_hive_of_file(dev_t device, ino_t inode, bool& is_private);
// A handle to a key of `hive` went (called from ~KeyObject): an application
// hive no handle holds any more is written and unloaded.
void key_released(const Hive* hive);
// Whether anything but the tree holds a key of the subtree of `key` (a
// handle, a merged view's side); `expected`: the references `key` itself
// has without any.
bool held(const std::shared_ptr<RegistryKey>& key, long expected);
bool is_loaded_hive(const RegistryKey& key);
// Writes the loaded hive at `key` one last time and forgets it (its keys
// are saved nowhere from now on; the caller removes them); false when it
// could not be written.
bool unload_hive(RegistryKey& key);

std::shared_ptr<RegistryKey> root();  // \Registry
std::u16string fold(std::u16string_view name);
// The subkey `name` of `parent` (one component), or null.
std::shared_ptr<RegistryKey> child(const RegistryKey& parent, std::u16string_view name);
// Adds the subkey `name` (it must not exist).
std::shared_ptr<RegistryKey> add_child(RegistryKey& parent, std::u16string_view name, bool is_volatile);

}  // namespace registry
}  // namespace vine::server

// Access tokens: a process's primary token, copies of it, and the
// privileges enabled in each. Rights are checked as Windows checks them:
// opening a process's token needs query access to the process, reading a
// token TOKEN_QUERY, changing it TOKEN_ADJUST_PRIVILEGES, copying it
// TOKEN_DUPLICATE.
#include <map>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t TOKEN_DUPLICATE = 0x2, TOKEN_QUERY = 0x8, TOKEN_ADJUST_PRIVILEGES = 0x20;
constexpr uint32_t TOKEN_READ = 0x20008, TOKEN_WRITE = 0x200e0, TOKEN_EXECUTE = 0x20000, TOKEN_ALL_ACCESS = 0xf01ff;
constexpr uint32_t kTokenPrimary = 1, kTokenImpersonation = 2, kMaxImpersonationLevel = 3;

constexpr uint64_t bit(unsigned luid) { return uint64_t{1} << luid; }

// The privileges an elevated administrator's token holds on Windows 10,
// plus SeLockMemoryPrivilege, which Windows grants by policy to the users
// who run AWE programs: Vine's user owns the machine, so it holds it
// (disabled, as every privilege but the three enabled by default).
constexpr uint64_t kPresent = bit(4) /*LockMemory*/ | bit(5) /*IncreaseQuota*/ | bit(8) /*Security*/ |
                              bit(9) /*TakeOwnership*/ | bit(10) /*LoadDriver*/ | bit(11) /*SystemProfile*/ |
                              bit(12) /*Systemtime*/ | bit(13) /*ProfileSingleProcess*/ |
                              bit(14) /*IncreaseBasePriority*/ | bit(15) /*CreatePagefile*/ | bit(17) /*Backup*/ |
                              bit(18) /*Restore*/ | bit(19) /*Shutdown*/ | bit(20) /*Debug*/ |
                              bit(22) /*SystemEnvironment*/ | bit(23) /*ChangeNotify*/ | bit(24) /*RemoteShutdown*/ |
                              bit(25) /*Undock*/ | bit(28) /*ManageVolume*/ | bit(29) /*Impersonate*/ |
                              bit(30) /*CreateGlobal*/ | bit(33) /*IncreaseWorkingSet*/ | bit(34) /*TimeZone*/ |
                              bit(35) /*CreateSymbolicLink*/ | bit(36) /*DelegateSessionUserImpersonate*/;
constexpr uint64_t kEnabledByDefault = bit(23) | bit(29) | bit(30);

// Token ids are locally unique identifiers: one counter for the server's life.
uint64_t next_token_id() {
    static uint64_t next = 0x10000;
    return next++;
}

uint32_t token_access(uint32_t access) {
    uint32_t specific = access & 0x00ffffff & ~access::maximum_allowed;
    if (access & access::generic_read) specific |= TOKEN_READ;
    if (access & access::generic_write) specific |= TOKEN_WRITE;
    if (access & access::generic_execute) specific |= TOKEN_EXECUTE;
    if (access & (access::generic_all | access::maximum_allowed)) specific |= TOKEN_ALL_ACCESS;
    return specific;
}

uint64_t insert_token(Process& process, std::shared_ptr<TokenObject> token, uint32_t access, bool inherit) {
    HandleEntry entry;
    entry.object = std::move(token);
    entry.access = token_access(access);
    entry.inherit = inherit;
    return process.handles.insert(std::move(entry));
}

}  // namespace

void handle_open_token(Request& request, Reply& reply) {
    auto req = request.get<open_token_request>();
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, req.process, ObjectType::process, &granted);
    if (!process) return reply.fail(status::invalid_handle);
    if (!(granted & (access::process_query_information | access::process_query_limited_information)))
        return reply.fail(status::access_denied);
    if (!process->token) {
        auto token = std::make_shared<TokenObject>();
        token->present = kPresent;
        token->enabled = kEnabledByDefault;
        token->id = next_token_id();
        token->modified_id = next_token_id();
        process->token = std::move(token);
    }
    uint64_t handle = insert_token(*request.client.process, process->token, req.access, req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(open_token_reply{handle});
}

void handle_duplicate_token(Request& request, Reply& reply) {
    auto req = request.get<duplicate_token_request>();
    uint32_t granted = 0;
    auto source = resolve_as<TokenObject>(*request.client.process, req.token, ObjectType::token, &granted);
    if (!source) return reply.fail(status::invalid_handle);
    if (!(granted & TOKEN_DUPLICATE)) return reply.fail(status::access_denied);
    if ((req.type != kTokenPrimary && req.type != kTokenImpersonation) || req.level > kMaxImpersonationLevel)
        return reply.fail(status::invalid_parameter);
    auto copy = std::make_shared<TokenObject>();
    copy->present = source->present;
    copy->enabled = source->enabled;
    copy->modified_id = source->modified_id;
    copy->owner = source->owner;
    copy->primary_group = source->primary_group;
    copy->default_dacl = source->default_dacl;
    copy->anonymous = source->anonymous;
    copy->type = req.type;
    copy->level = req.type == kTokenImpersonation ? req.level : 0;
    copy->id = next_token_id();
    // Access 0 asks for the access the source handle has.
    uint32_t access = req.access ? req.access : granted;
    uint64_t handle = insert_token(*request.client.process, std::move(copy), access, req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(duplicate_token_reply{handle});
}

void handle_token_privileges(Request& request, Reply& reply) {
    auto req = request.get<token_privileges_request>();
    uint32_t granted = 0;
    auto token = resolve_as<TokenObject>(*request.client.process, req.token, ObjectType::token, &granted);
    if (!token) return reply.fail(status::invalid_handle);
    bool changes = req.enable || req.disable || req.disable_all;
    if (!(granted & (changes ? TOKEN_ADJUST_PRIVILEGES : TOKEN_QUERY))) return reply.fail(status::access_denied);
    token_privileges_reply out{};
    out.enabled_before = token->enabled;
    if (changes) {
        uint64_t enabled = req.disable_all ? 0 : token->enabled;
        enabled = (enabled | (req.enable & token->present)) & ~(req.disable & token->present);
        out.not_all_assigned = ((req.enable | req.disable) & ~token->present) ? 1 : 0;
        if (enabled != token->enabled) {
            token->enabled = enabled;
            token->modified_id = next_token_id();
        }
    }
    out.present = token->present;
    out.enabled = token->enabled;
    out.token_id = token->id;
    out.modified_id = token->modified_id;
    out.type = token->type;
    out.level = token->level;
    out.anonymous = token->anonymous ? 1 : 0;
    reply.set(out);
}

}  // namespace vine::server

// ---- thread tokens and token defaults ----
namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t TOKEN_IMPERSONATE = 0x4, TOKEN_QUERY_RIGHT = 0x8, TOKEN_ADJUST_DEFAULT = 0x80;
constexpr uint32_t THREAD_SET_THREAD_TOKEN = 0x80, THREAD_IMPERSONATE = 0x100;
constexpr uint32_t kTokenOwner = 4, kTokenPrimaryGroup = 5, kTokenDefaultDacl = 6;
constexpr uint32_t kMaxDefault = 0x10000;  // an ACL's size is 16 bits

// The impersonation token of each impersonating thread, beside the thread
// object (which does not know about tokens): keyed by thread id, with the
// thread held weakly so that an ended thread's entry is dropped.
struct Impersonation {
    std::weak_ptr<Thread> thread;
    std::shared_ptr<TokenObject> token;
};
std::map<uint32_t, Impersonation>& impersonations() {
    static std::map<uint32_t, Impersonation> table;
    return table;
}

std::shared_ptr<TokenObject> impersonation_of(const std::shared_ptr<Thread>& thread) {
    auto it = impersonations().find(thread->id);
    if (it == impersonations().end()) return nullptr;
    if (it->second.thread.lock() != thread || thread->ended) {
        impersonations().erase(it);
        return nullptr;
    }
    return it->second.token;
}

void forget_ended_threads() {
    for (auto it = impersonations().begin(); it != impersonations().end();) {
        auto thread = it->second.thread.lock();
        it = (!thread || thread->ended) ? impersonations().erase(it) : std::next(it);
    }
}

std::string* default_of(TokenObject& token, uint32_t info_class) {
    switch (info_class) {
    case kTokenOwner: return &token.owner;
    case kTokenPrimaryGroup: return &token.primary_group;
    case kTokenDefaultDacl: return &token.default_dacl;
    default: return nullptr;
    }
}

}  // namespace

void handle_set_thread_token(Request& request, Reply& reply) {
    auto req = request.get<set_thread_token_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.thread, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    forget_ended_threads();
    if (req.anonymous) {
        // The anonymous logon holds no privileges.
        if (!(granted & THREAD_IMPERSONATE)) return reply.fail(status::access_denied);
        auto token = std::make_shared<TokenObject>();
        token->anonymous = true;
        token->type = kTokenImpersonation;
        token->level = 2;  // SecurityImpersonation
        token->id = next_token_id();
        token->modified_id = next_token_id();
        impersonations()[thread->id] = Impersonation{thread, std::move(token)};
        return reply.set(set_thread_token_reply{});
    }
    if (!(granted & THREAD_SET_THREAD_TOKEN)) return reply.fail(status::access_denied);
    if (!req.token) {
        impersonations().erase(thread->id);
        return reply.set(set_thread_token_reply{});
    }
    uint32_t token_access = 0;
    auto token = resolve_as<TokenObject>(*request.client.process, req.token, ObjectType::token, &token_access);
    if (!token) return reply.fail(status::invalid_handle);
    if (!(token_access & TOKEN_IMPERSONATE)) return reply.fail(status::access_denied);
    if (token->type != kTokenImpersonation) return reply.fail(status::bad_token_type);
    impersonations()[thread->id] = Impersonation{thread, token};
    reply.set(set_thread_token_reply{});
}

void handle_open_thread_token(Request& request, Reply& reply) {
    auto req = request.get<open_thread_token_request>();
    uint32_t granted = 0;
    auto thread = resolve_thread(request, req.thread, &granted);
    if (!thread) return reply.fail(status::invalid_handle);
    if (!(granted & (access::thread_query_information | access::thread_query_limited_information)))
        return reply.fail(status::access_denied);
    auto token = impersonation_of(thread);
    if (!token) return reply.fail(status::no_token);
    uint64_t handle = insert_token(*request.client.process, std::move(token), req.access, req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(open_thread_token_reply{handle});
}

void handle_token_default(Request& request, Reply& reply) {
    auto req = request.get<token_default_request>();
    uint32_t granted = 0;
    auto token = resolve_as<TokenObject>(*request.client.process, req.token, ObjectType::token, &granted);
    if (!token) return reply.fail(status::invalid_handle);
    std::string* value = default_of(*token, req.info_class);
    if (!value) return reply.fail(status::invalid_parameter);
    if (!(granted & (req.set ? TOKEN_ADJUST_DEFAULT : TOKEN_QUERY_RIGHT))) return reply.fail(status::access_denied);
    token_default_reply out{};
    if (req.set) {
        if (request.view.var_size > kMaxDefault) return reply.fail(status::invalid_parameter);
        value->assign(reinterpret_cast<const char*>(request.view.var), request.view.var_size);
        token->modified_id = next_token_id();
    } else {
        reply.var = *value;
        out.size = static_cast<uint32_t>(value->size());
    }
    reply.set(out);
}

}  // namespace vine::server

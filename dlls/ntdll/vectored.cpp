// Vectored exception and continue handlers: process-wide lists called before
// the frame-based handlers (exception handlers) and when an exception is
// about to be continued (continue handlers).
#include <mutex>

#include "vine/locks.h"
#include "ntdll_private.h"
#include "seh.h"
#include "vectored.h"

namespace {

struct Node {
    Node* next;
    PVECTORED_EXCEPTION_HANDLER handler;
    unsigned references;  // one for being listed, one per call in progress
    bool removed;
};

struct List {
    Node* head = nullptr;
};

// Held only while the lists change, never while a handler runs: a handler
// may add or remove handlers, or raise.
vine::Mutex lock;
List exception_handlers;
List continue_handlers;

// With the lock held: drops a reference; the last one unlinks and frees.
void release(List& list, Node* node) {
    if (--node->references) return;
    for (Node** link = &list.head; *link; link = &(*link)->next) {
        if (*link == node) {
            *link = node->next;
            break;
        }
    }
    delete node;
}

void* add(List& list, ULONG first, PVECTORED_EXCEPTION_HANDLER handler) {
    auto* node = new Node{nullptr, handler, 1, false};
    std::lock_guard guard(lock);
    Node** link = &list.head;
    if (!first)
        while (*link) link = &(*link)->next;
    node->next = *link;
    *link = node;
    return node;
}

ULONG remove(List& list, void* handle) {
    std::lock_guard guard(lock);
    for (Node* node = list.head; node; node = node->next) {
        if (node == handle && !node->removed) {
            node->removed = true;
            release(list, node);
            return 1;
        }
    }
    return 0;
}

bool call(List& list, EXCEPTION_RECORD* record, CONTEXT* context) {
    EXCEPTION_POINTERS pointers{record, context};
    // A nested exception in a handler continues its walk at the exception's
    // context, as it would after unwinding the dispatcher on Windows.
    HandlerCall how{HandlerCall::Other, context, nullptr, hardware_context(record, context)};
    lock.lock();
    Node* node = list.head;
    while (node) {
        if (node->removed) {
            node = node->next;
            continue;
        }
        ++node->references;
        lock.unlock();
        auto result = static_cast<LONG>(vine_call_handler(&pointers, nullptr, nullptr, nullptr,
                                                          reinterpret_cast<const void*>(node->handler), &how));
        lock.lock();
        Node* next = node->next;
        release(list, node);
        if (result == EXCEPTION_CONTINUE_EXECUTION) {
            lock.unlock();
            return true;
        }
        node = next;
    }
    lock.unlock();
    return false;
}

}  // namespace

bool call_vectored_exception_handlers(EXCEPTION_RECORD* record, CONTEXT* context) {
    return call(exception_handlers, record, context);
}

void call_vectored_continue_handlers(EXCEPTION_RECORD* record, CONTEXT* context) {
    call(continue_handlers, record, context);
}

VINE_EXPORT void* RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler) {
    return add(exception_handlers, first, handler);
}

VINE_EXPORT ULONG RtlRemoveVectoredExceptionHandler(void* handle) { return remove(exception_handlers, handle); }

VINE_EXPORT void* RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler) {
    return add(continue_handlers, first, handler);
}

VINE_EXPORT ULONG RtlRemoveVectoredContinueHandler(void* handle) { return remove(continue_handlers, handle); }

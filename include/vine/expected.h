// Error-or-value for code that parses untrusted input: bad input is a value,
// never a crash, and the caller decides what to do with it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vine {

struct Error {
    std::string message;
};

template <typename T>
class Expected {
public:
    Expected(T value) : storage_(std::move(value)) {}
    Expected(Error error) : storage_(std::move(error)) {}

    bool ok() const { return storage_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(storage_); }
    const T& value() const { return std::get<0>(storage_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(storage_); }

private:
    std::variant<T, Error> storage_;
};

template <>
class Expected<void> {
public:
    Expected() = default;
    Expected(Error error) : error_(std::move(error)), failed_(true) {}
    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool failed_ = false;
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }

}  // namespace vine

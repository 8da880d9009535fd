// Code page 54936 through ICU's "gb18030" converter. A converter holds
// state, so each call opens its own (ICU caches the shared tables); strict
// conversions stop at the first malformed sequence, the others let ICU
// substitute (U+FFFD one way, '?' the other, as Windows' default
// characters for the code page are).
#include "gb18030.h"

#include "icu.h"

namespace kernel32 {
namespace {

class Converter {
public:
    explicit Converter(const icu_lib::Api* api) : api_(api) {
        if (!api_) return;
        UErrorCode status = U_ZERO_ERROR;
        converter_ = api_->ucnv_open("gb18030", &status);
        if (U_FAILURE(status)) converter_ = nullptr;
    }
    ~Converter() {
        if (converter_) api_->ucnv_close(converter_);
    }
    UConverter* get() const { return converter_; }
    const icu_lib::Api& api() const { return *api_; }

private:
    const icu_lib::Api* api_;
    UConverter* converter_ = nullptr;
};

bool malformed(UErrorCode status) {
    return status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND || status == U_TRUNCATED_CHAR_FOUND;
}

}  // namespace

bool gb18030_available() { return Converter(icu_lib::api()).get() != nullptr; }

Gb18030Result gb18030_to_utf16(const char* src, size_t length, WCHAR* dst, size_t capacity, bool strict) {
    Converter converter(icu_lib::api());
    if (!converter.get()) return {0, false, false, true};
    const icu_lib::Api& api = converter.api();
    UErrorCode status = U_ZERO_ERROR;
    if (strict) api.ucnv_setToUCallBack(converter.get(), api.UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    status = U_ZERO_ERROR;
    int32_t n = api.ucnv_toUChars(converter.get(), dst, dst ? static_cast<int32_t>(capacity) : 0, src,
                                  static_cast<int32_t>(length), &status);
    Gb18030Result result{static_cast<size_t>(n < 0 ? 0 : n), false, false, false};
    if (malformed(status)) result.invalid = true;
    if (status == U_BUFFER_OVERFLOW_ERROR) result.overflow = dst != nullptr;
    return result;
}

Gb18030Result utf16_to_gb18030(const WCHAR* src, size_t length, char* dst, size_t capacity, bool strict) {
    Converter converter(icu_lib::api());
    if (!converter.get()) return {0, false, false, true};
    const icu_lib::Api& api = converter.api();
    UErrorCode status = U_ZERO_ERROR;
    api.ucnv_setFromUCallBack(converter.get(), api.UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    status = U_ZERO_ERROR;
    int32_t n = api.ucnv_fromUChars(converter.get(), dst, dst ? static_cast<int32_t>(capacity) : 0, src,
                                    static_cast<int32_t>(length), &status);
    if (malformed(status) && !strict) {
        // Let ICU substitute '?' for the lone surrogates, and say so.
        Converter again(&api);
        if (!again.get()) return {0, false, false, true};
        status = U_ZERO_ERROR;
        api.ucnv_setSubstChars(again.get(), "?", 1, &status);
        status = U_ZERO_ERROR;
        n = api.ucnv_fromUChars(again.get(), dst, dst ? static_cast<int32_t>(capacity) : 0, src,
                                static_cast<int32_t>(length), &status);
        Gb18030Result result{static_cast<size_t>(n < 0 ? 0 : n), false, true, false};
        if (status == U_BUFFER_OVERFLOW_ERROR) result.overflow = dst != nullptr;
        return result;
    }
    Gb18030Result result{static_cast<size_t>(n < 0 ? 0 : n), false, malformed(status), false};
    if (status == U_BUFFER_OVERFLOW_ERROR) result.overflow = dst != nullptr;
    return result;
}

}  // namespace kernel32

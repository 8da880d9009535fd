// The credential manager's types (wincred.h layouts): credentials, their
// attributes, types, persistence and limits (dlls/advapi32/credential.cpp).
#pragma once

#include <cstddef>

#include "vine/wintypes.h"

struct CREDENTIAL_ATTRIBUTEW {
    LPWSTR Keyword;
    DWORD Flags;
    DWORD ValueSize;
    BYTE* Value;
};
static_assert(sizeof(CREDENTIAL_ATTRIBUTEW) == 24);

struct CREDENTIALW {
    DWORD Flags;
    DWORD Type;
    LPWSTR TargetName;
    LPWSTR Comment;
    FILETIME LastWritten;
    DWORD CredentialBlobSize;
    BYTE* CredentialBlob;
    DWORD Persist;
    DWORD AttributeCount;
    CREDENTIAL_ATTRIBUTEW* Attributes;
    LPWSTR TargetAlias;
    LPWSTR UserName;
};
static_assert(sizeof(CREDENTIALW) == 80 && offsetof(CREDENTIALW, UserName) == 72);

// The A forms: the same layouts with byte strings.
struct CREDENTIAL_ATTRIBUTEA {
    LPSTR Keyword;
    DWORD Flags;
    DWORD ValueSize;
    BYTE* Value;
};
struct CREDENTIALA {
    DWORD Flags;
    DWORD Type;
    LPSTR TargetName;
    LPSTR Comment;
    FILETIME LastWritten;
    DWORD CredentialBlobSize;
    BYTE* CredentialBlob;
    DWORD Persist;
    DWORD AttributeCount;
    CREDENTIAL_ATTRIBUTEA* Attributes;
    LPSTR TargetAlias;
    LPSTR UserName;
};
static_assert(sizeof(CREDENTIALA) == 80);

constexpr DWORD CRED_TYPE_GENERIC = 1, CRED_TYPE_DOMAIN_PASSWORD = 2, CRED_TYPE_DOMAIN_CERTIFICATE = 3,
                CRED_TYPE_DOMAIN_VISIBLE_PASSWORD = 4, CRED_TYPE_GENERIC_CERTIFICATE = 5,
                CRED_TYPE_DOMAIN_EXTENDED = 6, CRED_TYPE_MAXIMUM = 7;
constexpr DWORD CRED_PERSIST_NONE = 0, CRED_PERSIST_SESSION = 1, CRED_PERSIST_LOCAL_MACHINE = 2,
                CRED_PERSIST_ENTERPRISE = 3;
constexpr DWORD CRED_FLAGS_PASSWORD_FOR_CERT = 0x1, CRED_FLAGS_PROMPT_NOW = 0x2, CRED_FLAGS_USERNAME_TARGET = 0x4,
                CRED_FLAGS_VALID_FLAGS = 0xf0ff;
constexpr DWORD CRED_PRESERVE_CREDENTIAL_BLOB = 0x1, CRED_ENUMERATE_ALL_CREDENTIALS = 0x1;
constexpr DWORD CRED_MAX_STRING_LENGTH = 256, CRED_MAX_USERNAME_LENGTH = 513,
                CRED_MAX_GENERIC_TARGET_NAME_LENGTH = 32767, CRED_MAX_DOMAIN_TARGET_NAME_LENGTH = 337,
                CRED_MAX_CREDENTIAL_BLOB_SIZE = 5 * 512, CRED_MAX_ATTRIBUTES = 64,
                CRED_MAX_VALUE_SIZE = 256;

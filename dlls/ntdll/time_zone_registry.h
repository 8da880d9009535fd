// The prefix's set time zone in the registry (time_zone_registry.cpp).
#pragma once

#include "vine/time_zone.h"
#include "vine/wintypes.h"

namespace ntdll {
// The zone the TimeZoneInformation key holds; false when there is none.
bool read_registry_time_zone(DYNAMIC_TIME_ZONE_INFORMATION* info);
NTSTATUS write_registry_time_zone(const DYNAMIC_TIME_ZONE_INFORMATION& zone, LONG active_bias);
}  // namespace ntdll

// A zone of the registry's Time Zones keys by its key name
// (time_zone_registry.cpp), for GetTimeZoneInformationForYear.
#pragma once

#include <string_view>

#include "vine/time_zone.h"
#include "vine/wintypes.h"

NTSTATUS registry_time_zone(std::u16string_view key_name, DYNAMIC_TIME_ZONE_INFORMATION* info);

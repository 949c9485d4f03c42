// Helpers shared by the media channel's translation units (channel.cc, channel_rx.cc); internal to the
// channel, not an interface of the media core.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace tandem::media::channel_detail {

constexpr int kFrame = 80;          // 10 ms at 8 kHz: the jitter buffer's frame
constexpr int kMaxBatch = 16;       // recvmmsg batch
constexpr size_t kMaxDatagram = 1500;

inline bool sameAddress(const sockaddr_storage& a, const sockaddr_storage& b) {
  if (a.ss_family != b.ss_family) return false;
  if (a.ss_family == AF_INET) {
    const auto& x = reinterpret_cast<const sockaddr_in&>(a);
    const auto& y = reinterpret_cast<const sockaddr_in&>(b);
    return x.sin_port == y.sin_port && x.sin_addr.s_addr == y.sin_addr.s_addr;
  }
  if (a.ss_family == AF_INET6) {
    const auto& x = reinterpret_cast<const sockaddr_in6&>(a);
    const auto& y = reinterpret_cast<const sockaddr_in6&>(b);
    return x.sin6_port == y.sin6_port && std::memcmp(&x.sin6_addr, &y.sin6_addr, sizeof x.sin6_addr) == 0;
  }
  return false;
}

inline void formatAddress(const sockaddr_storage& a, char* out, size_t cap) {
  char host[INET6_ADDRSTRLEN] = "?";
  unsigned port = 0;
  if (a.ss_family == AF_INET) {
    const auto& x = reinterpret_cast<const sockaddr_in&>(a);
    inet_ntop(AF_INET, &x.sin_addr, host, sizeof host);
    port = ntohs(x.sin_port);
    std::snprintf(out, cap, "%s:%u", host, port);
  } else if (a.ss_family == AF_INET6) {
    const auto& x = reinterpret_cast<const sockaddr_in6&>(a);
    inet_ntop(AF_INET6, &x.sin6_addr, host, sizeof host);
    port = ntohs(x.sin6_port);
    std::snprintf(out, cap, "[%s]:%u", host, port);
  } else {
    std::snprintf(out, cap, "?");
  }
}

// The RTCP address of an RTP address: port + 1 (RFC 3550 §11).
inline sockaddr_storage rtcpAddress(const sockaddr_storage& a) {
  sockaddr_storage r = a;
  if (r.ss_family == AF_INET) {
    auto& x = reinterpret_cast<sockaddr_in&>(r);
    x.sin_port = htons(static_cast<uint16_t>(ntohs(x.sin_port) + 1));
  } else if (r.ss_family == AF_INET6) {
    auto& x = reinterpret_cast<sockaddr_in6&>(r);
    x.sin6_port = htons(static_cast<uint16_t>(ntohs(x.sin6_port) + 1));
  }
  return r;
}

inline uint64_t ntpNow() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  const uint64_t sec = static_cast<uint64_t>(t.tv_sec) + 2208988800ull;  // 1900 -> 1970
  const uint64_t frac = (static_cast<uint64_t>(t.tv_nsec) << 32) / 1000000000ull;
  return (sec << 32) | frac;
}

inline void inc(std::atomic<uint64_t>& a, uint64_t n = 1) { a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed); }

}  // namespace tandem::media::channel_detail

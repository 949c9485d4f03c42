// Media hub; see media_hub.h.
#include "media/media_hub.h"

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <utility>

namespace tandem::media {

const char* mediaEventName(MediaEventType t) {
  switch (t) {
    case MediaEventType::FirstPacket: return "MEDIA_FIRST_PACKET";
    case MediaEventType::SsrcChange: return "MEDIA_SSRC_CHANGE";
    case MediaEventType::RtpTimeout: return "MEDIA_RTP_TIMEOUT";
    case MediaEventType::RtpResumed: return "MEDIA_RTP_RESUMED";
    case MediaEventType::Latched: return "MEDIA_LATCHED";
    case MediaEventType::Dtmf: return "MEDIA_DTMF";
    case MediaEventType::Freed: return "MEDIA_FREED";
  }
  return "MEDIA_?";
}

MediaHub::MediaHub(uint16_t portMin, uint16_t portMax, std::shared_ptr<MediaNotifier> notifier)
    : portMin_(static_cast<uint16_t>(portMin & ~1u)),
      portMax_(portMax),
      nextPort_(static_cast<uint16_t>(portMin & ~1u)),
      ready_(new std::atomic<uint8_t>[kMaxSlots]),
      evs_(new epoll_event[kPollBatch]),
      events_(8192),
      notifier_(std::move(notifier)) {
  epfd_ = epoll_create1(EPOLL_CLOEXEC);
  for (int i = 0; i < kMaxSlots; ++i) ready_[i].store(0, std::memory_order_relaxed);
  for (int i = 0; i < kLateBuckets; ++i) late_[i].store(0, std::memory_order_relaxed);
  freeSlots_.reserve(kMaxSlots);
  for (int i = kMaxSlots - 1; i >= 0; --i) freeSlots_.push_back(i);
}

uint64_t MediaHub::monoNs() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

void MediaHub::markReady(int slot) {
  if (slot >= 0) ready_[slot].store(1, std::memory_order_release);
}

uint64_t MediaHub::sendLateSamples() const {
  uint64_t n = 0;
  for (int i = 0; i < kLateBuckets; ++i) n += late_[i].load(std::memory_order_relaxed);
  return n;
}

uint64_t MediaHub::sendLatePercentileUs(double q) const {
  const uint64_t n = sendLateSamples();
  if (n == 0) return 0;
  const uint64_t want = static_cast<uint64_t>(q * static_cast<double>(n - 1)) + 1;
  uint64_t acc = 0;
  for (int i = 0; i < kLateBuckets; ++i) {
    acc += late_[i].load(std::memory_order_relaxed);
    if (acc >= want) return static_cast<uint64_t>(i) * 10 + 10;  // the bucket's upper edge
  }
  return lateMax_.load(std::memory_order_relaxed);
}

void MediaHub::resetLateness() {
  for (int i = 0; i < kLateBuckets; ++i) late_[i].store(0, std::memory_order_relaxed);
  lateMax_.store(0, std::memory_order_relaxed);
}

MediaHub::~MediaHub() {
  if (epfd_ >= 0) ::close(epfd_);
}

int MediaHub::addSocket(int fd) {
  std::lock_guard<std::mutex> lock(slotMutex_);
  if (epfd_ < 0 || freeSlots_.empty()) return -1;
  const int slot = freeSlots_.back();
  epoll_event ev{};
  // Level-triggered: a socket is reported at every poll while it holds data, so a channel may read
  // one datagram a tick and leave the rest for the next (one system call per datagram instead of a
  // recvmmsg that also has to find the queue empty). A socket whose channel is no longer ticked (its
  // span removed before close) keeps being reported until close(); that costs an event slot per poll.
  ev.events = EPOLLIN;
  ev.data.u32 = static_cast<uint32_t>(slot);
  if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) != 0) return -1;
  freeSlots_.pop_back();
  ready_[slot].store(1, std::memory_order_release);  // look once at the start
  return slot;
}

void MediaHub::removeSocket(int slot, int fd) {
  if (slot < 0) return;
  std::lock_guard<std::mutex> lock(slotMutex_);
  epoll_ctl(epfd_, EPOLL_CTL_DEL, fd, nullptr);
  ready_[slot].store(0, std::memory_order_release);
  freeSlots_.push_back(slot);
}

uint16_t MediaHub::nextPort() {
  std::lock_guard<std::mutex> lock(slotMutex_);
  if (portMax_ < portMin_ + 1) return 0;
  const uint16_t p = nextPort_;
  uint32_t n = static_cast<uint32_t>(nextPort_) + 2;
  if (n + 1 > portMax_) n = portMin_;
  nextPort_ = static_cast<uint16_t>(n);
  return p;
}

void MediaHub::pollNow(uint64_t nowUs) {
  if (epfd_ < 0) return;
  lastPollUs_ = nowUs;
  timing_ = ++pollCount_ % kTimingEvery == 0;
  polls_.store(polls_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  // Level-triggered: one call sees every ready socket up to the array's size (a second call would
  // return the first ones again); more than kPollBatch ready sockets in one tick wait for the next.
  const uint64_t t0 = timing_ ? monoNs() : 0;
  const int n = epoll_wait(epfd_, evs_.get(), kPollBatch, 0);
  for (int i = 0; i < n; ++i) ready_[evs_[i].data.u32].store(1, std::memory_order_release);
  if (timing_) addTickTime(monoNs() - t0);  // the poll is media work too
}

void MediaHub::emit(const MediaEvent& e) {
  if (!events_.push(e)) {
    dropped_.store(dropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    return;
  }
  if (!signalled_.exchange(true, std::memory_order_acq_rel) && notifier_) notifier_->notify();
}

}  // namespace tandem::media

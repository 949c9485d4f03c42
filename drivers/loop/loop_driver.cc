// drivers/loop: in-memory span loop (loop_driver.h).
#include "loop/loop_driver.h"

#include <cstring>
#include <map>
#include <mutex>
#include <utility>

namespace tandem::drivers {
namespace {

// Registry of wires by (engine, lower name, higher name); JS thread only (open/close), but guarded
// anyway: several engines (worker threads) may open spans at once.
struct WireKey {
  const void* scope;
  std::string lo, hi;
  bool operator<(const WireKey& o) const {
    if (scope != o.scope) return scope < o.scope;
    if (lo != o.lo) return lo < o.lo;
    return hi < o.hi;
  }
};
std::mutex gMutex;
std::map<WireKey, std::weak_ptr<LoopWire>>& registry() {
  static std::map<WireKey, std::weak_ptr<LoopWire>> m;
  return m;
}

}  // namespace

LoopDriver::LoopDriver(const LoopConfig& cfg) : cfg_(cfg) {}

LoopDriver::~LoopDriver() { close(); }

void LoopDriver::open() {
  if (wire_) return;
  if (cfg_.peer.empty()) throw DriverError("EINVAL", "loop driver: peer (the other span's name) is required");
  if (cfg_.peer == cfg_.name) throw DriverError("EINVAL", "loop driver: a span cannot be its own peer");
  const bool low = cfg_.name < cfg_.peer;
  side_ = low ? 0 : 1;
  WireKey key{cfg_.scope, low ? cfg_.name : cfg_.peer, low ? cfg_.peer : cfg_.name};
  std::lock_guard<std::mutex> lock(gMutex);
  auto& reg = registry();
  for (auto it = reg.begin(); it != reg.end();) {  // forget wires no driver holds any more
    if (it->second.expired()) it = reg.erase(it);
    else ++it;
  }
  std::shared_ptr<LoopWire> w = reg[key].lock();
  if (!w) {
    w = std::make_shared<LoopWire>();
    reg[key] = w;
  }
  if (w->claimed[side_].exchange(true)) {
    throw DriverError("EADDRINUSE", "loop driver: span \"" + cfg_.name + "\" is already looped to \"" + cfg_.peer + "\" in this engine");
  }
  wire_ = std::move(w);
  rxReset_ = true;
  started_ = false;
  haveBlock_ = false;
}

void LoopDriver::close() {
  if (!wire_) return;
  std::lock_guard<std::mutex> lock(gMutex);
  wire_->claimed[side_].store(false);
  wire_.reset();
}

void LoopDriver::poll(uint64_t nowUs) {
  LoopLane& in = wire_->lane[1 - side_];
  if (rxReset_) {  // blocks queued while this side was away are stale: start from the next one
    rxReset_ = false;
    in.tail = in.head;
    in.dropped = 0;
    lastRxUs_ = nowUs;
    started_ = true;
  }
  if (in.dropped) {  // the peer wrote while this side was not read (not ticked): count once here
    bump(counters_.overruns, in.dropped);
    in.dropped = 0;
  }
  haveBlock_ = in.size() > 0;
  if (haveBlock_) {
    lastRxUs_ = nowUs;
    if (los_.load(std::memory_order_relaxed)) los_.store(false, std::memory_order_relaxed);
  } else if (started_ && nowUs - lastRxUs_ >= static_cast<uint64_t>(cfg_.losThresholdMs) * 1000 &&
             !los_.load(std::memory_order_relaxed)) {
    los_.store(true, std::memory_order_relaxed);
    bump(counters_.losEvents);
  }
}

bool LoopDriver::readBlock(uint8_t block[kBlockOctets]) {
  bump(counters_.playedOut);
  LoopLane& in = wire_->lane[1 - side_];
  if (in.size() == 0) {
    bump(counters_.underruns);
    return false;
  }
  std::memcpy(block, in.blocks[in.tail % LoopLane::kSlots].data(), kBlockOctets);
  ++in.tail;
  bump(counters_.rxBlocks);
  return true;
}

void LoopDriver::writeBlock(const uint8_t block[kBlockOctets]) {
  if (!txEnabled_.load(std::memory_order_relaxed)) return;
  LoopLane& out = wire_->lane[side_];
  if (out.size() >= LoopLane::kSlots) {
    // The peer is not being ticked (removed, not yet added): keep the newest, drop two (even, so
    // the peer's CRC-4 multiframe, two blocks long, stays whole; see the virtual card's overruns).
    out.tail += 2;
    out.dropped += 2;
  }
  std::memcpy(out.blocks[out.head % LoopLane::kSlots].data(), block, kBlockOctets);
  ++out.head;
  bump(counters_.txBlocks);
}

}  // namespace tandem::drivers

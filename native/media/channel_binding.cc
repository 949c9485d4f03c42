// media.MediaHub: the media channels of one TDM engine, for src/media/ (typed face:
// src/native/types/media.ts). Sockets are opened and bound here on the JS thread; the channel then
// runs on the engine's RT thread as the bearer consumer of its timeslot (engine_binding.h
// attachBearer). Closing detaches it; the engine hands it back to the JS thread, where it is freed
// (sockets closed). Events come back through the hub's ring, woken by a ThreadSafeFunction.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "binding/engine_binding.h"
#include "binding/errors.h"
#include "media/channel.h"
#include "media/media_binding_parts.h"
#include "media/media_hub.h"

namespace tandem::media {
namespace {

class HubWrap;
void callJs(Napi::Env env, Napi::Function cb, HubWrap* ctx, void* data);
using Tsfn = Napi::TypedThreadSafeFunction<HubWrap, void, callJs>;

// Wakes JS; close() turns it off before releasing the function, under a mutex taken only when
// waking (at most once per drain cycle, never per sample), so the RT thread never calls a released one.
class TsfnNotifier final : public MediaNotifier {
 public:
  Tsfn tsfn;
  void notify() override {
    std::lock_guard<std::mutex> lock(m_);
    if (alive_) tsfn.NonBlockingCall(static_cast<void*>(nullptr));
  }
  void shutdown(bool abort) {
    {
      std::lock_guard<std::mutex> lock(m_);
      if (!alive_) return;
      alive_ = false;
    }
    if (abort) tsfn.Abort();
    else tsfn.Release();
  }

 private:
  std::mutex m_;
  bool alive_ = true;
};

// What the JS thread frees once the RT thread has let go of a channel.
struct ReleaseCtx {
  std::shared_ptr<MediaHub> hub;
  MediaChannel* channel;
};

void releaseChannel(void* p) {
  auto* ctx = static_cast<ReleaseCtx*>(p);
  MediaChannel* ch = ctx->channel;
  ctx->hub->removeSocket(ch->rtpSlot(), ch->rtpFd());
  ctx->hub->removeSocket(ch->rtcpSlot(), ch->rtcpFd());
  ::close(ch->rtpFd());
  if (ch->rtcpFd() >= 0) ::close(ch->rtcpFd());
  delete ch;
  delete ctx;
}

// RunOnRt: the RT thread has passed the point where it could still tick the channel.
void rtPassed(void* p) {
  auto* ctx = static_cast<ReleaseCtx*>(p);
  MediaEvent e;
  e.type = MediaEventType::Freed;
  e.a = static_cast<int64_t>(reinterpret_cast<intptr_t>(ctx));
  ctx->hub->emit(e);
}

std::string str(Napi::Object o, const char* k) {
  Napi::Value v = o.Get(k);
  if (!v.IsString()) throwType(o.Env(), std::string(k) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}
int intIn(Napi::Object o, const char* k, int lo, int hi) {
  Napi::Value v = o.Get(k);
  if (!v.IsNumber()) throwType(o.Env(), std::string(k) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d)) || d < lo || d > hi)
    throwRange(o.Env(), std::string(k) + " must be an integer " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int>(d);
}
g711::Law lawOf(Napi::Object o, const char* k) {
  const std::string s = str(o, k);
  if (s == "alaw") return g711::Law::Alaw;
  if (s == "ulaw") return g711::Law::Ulaw;
  throwType(o.Env(), std::string(k) + " must be 'alaw' or 'ulaw'");
}

bool parseAddress(const std::string& host, int port, sockaddr_storage* out, socklen_t* len) {
  std::memset(out, 0, sizeof *out);
  auto* v4 = reinterpret_cast<sockaddr_in*>(out);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(out);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    *len = sizeof(sockaddr_in);
    return true;
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    *len = sizeof(sockaddr_in6);
    return true;
  }
  return false;
}

// The channel parameters of a JS object (src/media/ has validated and filled defaults; these are
// cheap re-checks).
ChannelParams paramsOf(Napi::Object o) {
  Napi::Env env = o.Env();
  ChannelParams p;
  p.tdmLaw = lawOf(o, "tdmLaw");
  p.rtpLaw = lawOf(o, "rtpLaw");
  p.audioPt = static_cast<uint8_t>(intIn(o, "audioPt", 0, 127));
  p.telephoneEventPt = intIn(o, "telephoneEventPt", -1, 127);
  p.ptimeMs = intIn(o, "ptimeMs", 10, 30);
  if (p.ptimeMs % 10 != 0) throwRange(env, "ptimeMs must be 10, 20 or 30");
  const std::string mode = str(o, "dtmfMode");
  if (mode == "rfc4733") p.dtmfMode = DtmfMode::Rfc4733;
  else if (mode == "inband") p.dtmfMode = DtmfMode::Inband;
  else throwType(env, "dtmfMode must be 'rfc4733' or 'inband'");
  p.symmetric = o.Get("symmetric").ToBoolean().Value();
  p.connect = o.Get("connect").ToBoolean().Value();
  p.rtpTimeoutMs = static_cast<uint32_t>(intIn(o, "rtpTimeoutMs", 0, 3600000));
  p.rtcpIntervalMs = static_cast<uint32_t>(intIn(o, "rtcpIntervalMs", 0, 3600000));
  Napi::Value rv = o.Get("remote");
  if (rv.IsObject()) {
    Napi::Object r = rv.As<Napi::Object>();
    if (!parseAddress(str(r, "host"), intIn(r, "port", 1, 65535), &p.remote, &p.remoteLen))
      throwType(env, "remote.host must be an IPv4 or IPv6 address");
    p.haveRemote = true;
  }
  Napi::Value jv = o.Get("jitterBuffer");
  if (!jv.IsObject()) throwType(env, "jitterBuffer must be an object");
  Napi::Object j = jv.As<Napi::Object>();
  Napi::Value tv = o.Get("tone");
  if (tv.IsObject()) {
    Napi::Object t = tv.As<Napi::Object>();
    Napi::Value fv = t.Get("freqs");
    if (!fv.IsArray()) throwType(env, "tone.freqs must be an array");
    Napi::Array fa = fv.As<Napi::Array>();
    if (fa.Length() < 1 || fa.Length() > ToneSpec::kMaxFreq) throwRange(env, "tone: 1-4 frequencies");
    p.tone.nFreq = static_cast<int>(fa.Length());
    for (uint32_t i = 0; i < fa.Length(); ++i) {
      Napi::Object f = fa.Get(i).As<Napi::Object>();
      p.tone.freqHz[i] = static_cast<float>(intIn(f, "hz", 1, 3999));
      const Napi::Value db = f.Get("dbm0");
      if (!db.IsNumber() || db.As<Napi::Number>().DoubleValue() > 0 || db.As<Napi::Number>().DoubleValue() < -60) throwRange(env, "tone dbm0 -60..0");
      p.tone.levelDbm0[i] = db.As<Napi::Number>().FloatValue();
    }
    Napi::Value cv = t.Get("cadenceMs");
    if (cv.IsArray()) {
      Napi::Array ca = cv.As<Napi::Array>();
      if (ca.Length() > ToneSpec::kMaxCadence) throwRange(env, "tone: at most 8 cadence intervals");
      p.tone.nCadence = static_cast<int>(ca.Length());
      for (uint32_t i = 0; i < ca.Length(); ++i) p.tone.cadenceMs[i] = static_cast<uint32_t>(ca.Get(i).As<Napi::Number>().Uint32Value());
    }
    p.tone.repeat = t.Get("repeat").IsUndefined() ? true : t.Get("repeat").ToBoolean().Value();
    p.toneOn = true;
    const std::string target = str(o, "toneTarget");
    if (target == "tdm") p.toneTarget = ChannelParams::ToneTarget::Tdm;
    else if (target == "rtp") p.toneTarget = ChannelParams::ToneTarget::Rtp;
    else throwType(env, "toneTarget must be 'tdm' or 'rtp'");
  }
  p.toneSeq = static_cast<uint32_t>(intIn(o, "toneSeq", 0, 1 << 30));
  p.jb.frameBytes = 80;
  p.jb.initialFrames = intIn(j, "initialFrames", 1, JitterBuffer::kCapacity - 1);
  p.jb.minFrames = intIn(j, "minFrames", 0, JitterBuffer::kCapacity - 1);
  p.jb.maxFrames = intIn(j, "maxFrames", 1, JitterBuffer::kCapacity - 1);
  if (p.jb.minFrames > p.jb.initialFrames || p.jb.initialFrames > p.jb.maxFrames)
    throwRange(env, "jitterBuffer: need minFrames <= initialFrames <= maxFrames");
  return p;
}

struct Entry {
  MediaChannel* channel;
  uint32_t span;
  int ts;
  uint16_t port;
};

class HubWrap : public Napi::ObjectWrap<HubWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "MediaHub",
                       {InstanceMethod<&HubWrap::openChannel>("openChannel"), InstanceMethod<&HubWrap::modifyChannel>("modifyChannel"),
                        InstanceMethod<&HubWrap::closeChannel>("closeChannel"), InstanceMethod<&HubWrap::channelStats>("channelStats"),
                        InstanceMethod<&HubWrap::drain>("drain"), InstanceMethod<&HubWrap::close>("close"),
                        InstanceMethod<&HubWrap::hubStats>("stats")});
  }

  // new MediaHub(tdmEngine, { portMin, portMax }, onEvents)
  explicit HubWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<HubWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 3 || !info[1].IsObject() || !info[2].IsFunction())
      throwType(env, "new MediaHub(engine, { portMin, portMax }, onEvents)");
    tandem::unwrapEngine(env, info[0]);  // TypeError / InvalidStateError if it is not a live TdmEngine
    engine_ = Napi::Persistent(info[0].As<Napi::Object>());
    Napi::Object o = info[1].As<Napi::Object>();
    const int lo = intIn(o, "portMin", 1024, 65534), hi = intIn(o, "portMax", 1025, 65535);
    if (hi < lo + 1) throwRange(env, "portMax must be above portMin");
    notifier_ = std::make_shared<TsfnNotifier>();
    notifier_->tsfn = Tsfn::New(env, info[2].As<Napi::Function>(), "tandem-media", 0, 1, this);
    notifier_->tsfn.Unref(env);  // an idle hub does not keep the process alive
    hub_ = std::make_shared<MediaHub>(static_cast<uint16_t>(lo), static_cast<uint16_t>(hi), notifier_);
    rng_.seed(std::random_device{}());
  }
  ~HubWrap() override {
    if (notifier_) notifier_->shutdown(true);
  }

  void dispatch(Napi::Env env, Napi::Function cb) {
    if (!hub_) return;
    Napi::Array ev = drainEvents(env);
    if (ev.Length() > 0) cb.Call({ev});
  }

 private:
  MediaHub& hub(Napi::Env env) {
    if (!hub_) throwInvalidState(env, "the media hub is closed");
    return *hub_;
  }

  int openSocket(Napi::Env env, const sockaddr_storage& local, socklen_t len) {
    const int fd = socket(local.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) throwDomain(env, "ESOCKET", std::string("socket: ") + std::strerror(errno));
    if (local.ss_family == AF_INET6) {
      int one = 1;
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    }
    int buf = 128 * 1024;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&local), len) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  }

  // openChannel({ span, timeslot, localHost, rtcp, ...params }) -> { handle, port }
  Napi::Value openChannel(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    MediaHub& h = hub(env);
    if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "openChannel(config)");
    Napi::Object o = info[0].As<Napi::Object>();
    const uint32_t span = static_cast<uint32_t>(intIn(o, "span", 0, 1 << 30));
    const int ts = intIn(o, "timeslot", 1, 31);
    const std::string host = str(o, "localHost");
    const bool rtcp = o.Get("rtcp").ToBoolean().Value();
    const ChannelParams p = paramsOf(o);
    int rtpFd = -1, rtcpFd = -1;
    uint16_t port = 0;
    const int attempts = (h.portMax() - h.portMin()) / 2 + 1;
    for (int i = 0; i < attempts && rtpFd < 0; ++i) {
      const uint16_t cand = h.nextPort();
      sockaddr_storage a;
      socklen_t al;
      if (!parseAddress(host, cand, &a, &al)) throwType(env, "localHost must be an IPv4 or IPv6 address");
      rtpFd = openSocket(env, a, al);
      if (rtpFd < 0) continue;
      if (rtcp) {
        parseAddress(host, cand + 1, &a, &al);
        rtcpFd = openSocket(env, a, al);
        if (rtcpFd < 0) {
          ::close(rtpFd);
          rtpFd = -1;
          continue;
        }
      }
      port = cand;
    }
    if (rtpFd < 0) throwDomain(env, "EADDRINUSE", "no free RTP port pair in " + std::to_string(h.portMin()) + "-" + std::to_string(h.portMax()));
    const int rtpSlot = h.addSocket(rtpFd);
    const int rtcpSlot = rtcpFd >= 0 ? h.addSocket(rtcpFd) : -1;
    const uint32_t handle = ++lastHandle_;
    uint32_t ssrc = static_cast<uint32_t>(rng_());
    auto* ch = new MediaChannel(handle, hub_, rtpFd, rtpSlot, rtcpFd, rtcpSlot, ssrc, p);
    try {
      tandem::attachBearer(env, engine_.Value(), span, ts, ch);
    } catch (...) {
      releaseChannel(new ReleaseCtx{hub_, ch});
      throw;
    }
    entries_[handle] = Entry{ch, span, ts, port};
    Napi::Object r = Napi::Object::New(env);
    r.Set("handle", Napi::Number::New(env, handle));
    r.Set("port", Napi::Number::New(env, port));
    r.Set("ssrc", Napi::Number::New(env, ssrc));
    return r;
  }

  Entry& entry(Napi::Env env, const Napi::Value& v) {
    hub(env);
    if (!v.IsNumber()) throwType(env, "channel must be a number");
    auto it = entries_.find(v.As<Napi::Number>().Uint32Value());
    if (it == entries_.end()) throwDomain(env, "ECHANNEL_UNKNOWN", "no media channel with that handle");
    return it->second;
  }

  Napi::Value modifyChannel(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Entry& e = entry(env, info[0]);
    if (info.Length() < 2 || !info[1].IsObject()) throwType(env, "modifyChannel(channel, params)");
    if (!e.channel->modify(paramsOf(info[1].As<Napi::Object>()))) throwDomain(env, "EQUEUE_FULL", "too many pending changes");
    return env.Undefined();
  }

  bool engineAlive(Napi::Env env) {
    try {
      tandem::unwrapEngine(env, engine_.Value());
      return true;
    } catch (const Napi::Error&) {
      return false;
    }
  }

  // Lets go of a channel: the engine detaches it and hands it back for freeing (release runs on this
  // thread). If its span is gone, it is freed after the RT thread has applied the span's removal; if
  // the engine is closed, at once; if the command queue is full, the next drain tries again.
  void detach(Napi::Env env, const Entry& e) {
    auto* ctx = new ReleaseCtx{hub_, e.channel};
    std::string code;
    try {
      tandem::detachBearer(env, engine_.Value(), e.span, e.ts, releaseChannel, ctx);
      return;
    } catch (const Napi::Error& err) {
      Napi::Value c = err.Value().Get("code");
      if (c.IsString()) code = c.As<Napi::String>().Utf8Value();
    }
    if (!engineAlive(env)) {
      releaseChannel(ctx);  // the RT thread has stopped: nothing can tick the channel any more
      return;
    }
    if (code == "ESPAN_UNKNOWN") {
      core::Command c;
      c.type = core::CommandType::RunOnRt;
      c.fn = rtPassed;
      c.ptr = ctx;
      if (tandem::unwrapEngine(env, engine_.Value())->post(c)) return;
    }
    delete ctx;
    retry_.push_back(e);
  }

  void retryDetaches(Napi::Env env) {
    std::vector<Entry> again;
    again.swap(retry_);
    for (const Entry& e : again) detach(env, e);
  }

  // closeChannel(channel) -> true if it was open (idempotent)
  Napi::Value closeChannel(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!hub_ || !info[0].IsNumber()) return Napi::Boolean::New(env, false);
    auto it = entries_.find(info[0].As<Napi::Number>().Uint32Value());
    if (it == entries_.end()) return Napi::Boolean::New(env, false);
    const Entry e = it->second;
    entries_.erase(it);
    detach(env, e);
    return Napi::Boolean::New(env, true);
  }

  Napi::Value channelStats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Entry& e = entry(env, info[0]);
    const ChannelSnapshot& s = e.channel->snapshot();
    Napi::Object o = Napi::Object::New(env);
    auto u = [&](const char* k, const std::atomic<uint64_t>& a) { o.Set(k, Napi::Number::New(env, static_cast<double>(a.load(std::memory_order_relaxed)))); };
    u("rtp.rx", s.rtpRx);
    u("rtp.tx", s.rtpTx);
    u("rtp.octetsRx", s.octetsRx);
    u("rtp.octetsTx", s.octetsTx);
    u("rtp.badShort", s.badShort);
    u("rtp.badVersion", s.badVersion);
    u("rtp.badHeader", s.badHeader);
    u("rtp.unknownPt", s.unknownPt);
    u("rtp.wrongSource", s.wrongSource);
    u("rtp.badSeq", s.badSeq);
    u("rtp.badSize", s.badSize);
    u("rtp.ssrcChanges", s.ssrcChanges);
    u("rtp.timeouts", s.timeouts);
    u("rtp.sendErrors", s.sendErrors);
    u("jb.played", s.jbPlayed);
    u("jb.lost", s.jbLost);
    u("jb.underflow", s.jbUnderflow);
    u("jb.late", s.jbLate);
    u("jb.duplicate", s.jbDuplicate);
    u("jb.dropped", s.jbDropped);
    u("jb.empty", s.jbEmpty);
    u("dtmf.rtpRx", s.dtmfRtpRx);
    u("dtmf.tdmDetected", s.dtmfTdmDetected);
    u("dtmf.eventPacketsTx", s.eventPacketsTx);
    u("dtmf.eventPacketsRx", s.eventPacketsRx);
    u("rtcp.tx", s.rtcpTx);
    u("rtcp.rx", s.rtcpRx);
    u("rtcp.bad", s.rtcpBad);
    u("channel.paramsApplied", s.paramsApplied);
    o.Set("jb.level", Napi::Number::New(env, s.jbLevel.load(std::memory_order_relaxed)));
    o.Set("rtp.cumulativeLost", Napi::Number::New(env, static_cast<double>(s.cumulativeLost.load(std::memory_order_relaxed))));
    o.Set("rtp.jitterMs", Napi::Number::New(env, s.jitterTs.load(std::memory_order_relaxed) / 8.0));
    o.Set("rtp.remoteSsrc", Napi::Number::New(env, s.remoteSsrc.load(std::memory_order_relaxed)));
    o.Set("rtp.localSsrc", Napi::Number::New(env, s.localSsrc.load(std::memory_order_relaxed)));
    const int64_t rtt = s.rttUs.load(std::memory_order_relaxed);
    o.Set("rtcp.rttMs", Napi::Number::New(env, rtt < 0 ? -1.0 : rtt / 1000.0));
    o.Set("rtcp.remoteFractionLost", Napi::Number::New(env, s.remoteFractionLost.load(std::memory_order_relaxed)));
    o.Set("rtcp.remoteJitterMs", Napi::Number::New(env, s.remoteJitterTs.load(std::memory_order_relaxed) < 0 ? -1.0 : s.remoteJitterTs.load() / 8.0));
    return o;
  }

  Napi::Array drainEvents(Napi::Env env) {
    Napi::Array out = Napi::Array::New(env);
    if (!hub_) return out;
    if (!retry_.empty()) retryDetaches(env);
    hub_->clearSignal();
    auto& ring = hub_->events();
    uint32_t i = 0;
    while (MediaEvent* e = ring.front()) {
      const MediaEvent ev = *e;
      ring.pop();
      if (ev.type == MediaEventType::Freed) {
        releaseChannel(reinterpret_cast<ReleaseCtx*>(static_cast<intptr_t>(ev.a)));
        continue;
      }
      Napi::Object o = Napi::Object::New(env);
      o.Set("type", mediaEventName(ev.type));
      o.Set("channel", Napi::Number::New(env, ev.channel));
      switch (ev.type) {
        case MediaEventType::FirstPacket:
          o.Set("ssrc", Napi::Number::New(env, static_cast<double>(ev.a)));
          break;
        case MediaEventType::SsrcChange:
          o.Set("ssrc", Napi::Number::New(env, static_cast<double>(ev.a)));
          o.Set("previousSsrc", Napi::Number::New(env, static_cast<double>(ev.b)));
          break;
        case MediaEventType::RtpTimeout:
          o.Set("silentMs", Napi::Number::New(env, static_cast<double>(ev.a)));
          break;
        case MediaEventType::Latched:
          o.Set("remote", std::string(ev.text));
          break;
        case MediaEventType::Dtmf:
          o.Set("digit", std::string(1, ev.digit));
          o.Set("phase", ev.a ? "begin" : "end");
          o.Set("source", ev.source ? "tdm" : "rtp");
          if (!ev.a) o.Set("durationMs", Napi::Number::New(env, static_cast<double>(ev.b)));
          break;
        default:
          break;
      }
      out.Set(i++, o);
    }
    return out;
  }

  Napi::Value drain(const Napi::CallbackInfo& info) { return drainEvents(info.Env()); }

  Napi::Value hubStats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object o = Napi::Object::New(env);
    o.Set("channels", Napi::Number::New(env, static_cast<double>(entries_.size())));
    o.Set("eventsDropped", Napi::Number::New(env, hub_ ? static_cast<double>(hub_->eventsDropped()) : 0));
    o.Set("polls", Napi::Number::New(env, hub_ ? static_cast<double>(hub_->polls()) : 0));
    if (hub_) {
      o.Set("sendLateSamples", Napi::Number::New(env, static_cast<double>(hub_->sendLateSamples())));
      o.Set("sendLateP50Us", Napi::Number::New(env, static_cast<double>(hub_->sendLatePercentileUs(0.5))));
      o.Set("sendLateP99Us", Napi::Number::New(env, static_cast<double>(hub_->sendLatePercentileUs(0.99))));
      o.Set("sendLateMaxUs", Napi::Number::New(env, static_cast<double>(hub_->sendLateMaxUs())));
      o.Set("mediaBusyUs", Napi::Number::New(env, static_cast<double>(hub_->mediaBusyNs() / 1000)));
      if (info.Length() > 0 && info[0].ToBoolean().Value()) {
        hub_->resetLateness();
        hub_->resetBusy();
      }
    }
    return o;
  }

  // close(): closes every channel (idempotent); later calls other than close/drain throw InvalidStateError.
  Napi::Value close(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!hub_) return env.Undefined();
    for (auto& kv : entries_) detach(env, kv.second);
    entries_.clear();
    for (int i = 0; i < 100 && !retry_.empty(); ++i) {
      usleep(2000);
      retryDetaches(env);
    }
    drainEvents(env);
    notifier_->shutdown(false);
    notifier_.reset();
    hub_.reset();  // channels still waiting for the engine keep the hub (and the notifier) alive
    return env.Undefined();
  }

  Napi::ObjectReference engine_;
  std::shared_ptr<TsfnNotifier> notifier_;
  std::shared_ptr<MediaHub> hub_;
  std::map<uint32_t, Entry> entries_;
  std::vector<Entry> retry_;
  uint32_t lastHandle_ = 0;
  std::mt19937 rng_;
};

void callJs(Napi::Env env, Napi::Function cb, HubWrap* ctx, void*) {
  if (env == nullptr || ctx == nullptr) return;
  ctx->dispatch(env, cb);
}

}  // namespace

void initChannelBinding(Napi::Env env, Napi::Object media) { media.Set("MediaHub", HubWrap::define(env)); }

}  // namespace tandem::media

// media.rtpParse / rtpBuild / rtpReceive / rtcpBuild / rtcpParse / rtcpRoundTrip, for tests.
#include <napi.h>

#include <string>

#include "binding/errors.h"
#include "media/media_binding_parts.h"
#include "media/rtcp.h"
#include "media/rtp.h"

namespace tandem::media {
namespace {

double num(Napi::Object o, const char* k, double def) {
  Napi::Value v = o.Get(k);
  if (v.IsUndefined()) return def;
  if (!v.IsNumber()) throwType(o.Env(), std::string(k) + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}
bool flag(Napi::Object o, const char* k) { return o.Get(k).ToBoolean().Value(); }
Napi::Uint8Array bytesArg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info.Length() <= i || !info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throwType(info.Env(), std::string(what) + " must be a Uint8Array");
  return info[i].As<Napi::Uint8Array>();
}

Napi::Value RtpParse(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto a = bytesArg(info, 0, "rtpParse(packet)");
  RtpHeader h;
  const RtpError e = parseRtp(a.Data(), a.ElementLength(), &h);
  Napi::Object o = Napi::Object::New(env);
  if (e != RtpError::None) {
    o.Set("error", rtpErrorName(e));
    return o;
  }
  o.Set("version", h.version);
  o.Set("padding", h.padding);
  o.Set("extension", h.extension);
  o.Set("marker", h.marker);
  o.Set("payloadType", h.payloadType);
  o.Set("seq", h.seq);
  o.Set("timestamp", Napi::Number::New(env, h.timestamp));
  o.Set("ssrc", Napi::Number::New(env, h.ssrc));
  Napi::Array cs = Napi::Array::New(env, h.csrcCount);
  for (uint32_t i = 0; i < h.csrcCount; ++i) cs.Set(i, Napi::Number::New(env, h.csrc[i]));
  o.Set("csrc", cs);
  if (h.extension) {
    o.Set("extProfile", h.extProfile);
    o.Set("ext", Napi::Buffer<uint8_t>::Copy(env, a.Data() + h.extOffset, 4u * h.extWords));
  }
  o.Set("paddingLength", h.paddingLength);
  o.Set("payload", Napi::Buffer<uint8_t>::Copy(env, a.Data() + h.payloadOffset, h.payloadLength));
  return o;
}

Napi::Value RtpBuild(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject()) throwType(env, "rtpBuild(header, payload, ext?)");
  Napi::Object o = info[0].As<Napi::Object>();
  auto pl = bytesArg(info, 1, "payload");
  RtpHeader h;
  h.payloadType = static_cast<uint8_t>(num(o, "payloadType", 0)) & 0x7F;
  h.seq = static_cast<uint16_t>(num(o, "seq", 0));
  h.timestamp = static_cast<uint32_t>(num(o, "timestamp", 0));
  h.ssrc = static_cast<uint32_t>(num(o, "ssrc", 0));
  h.marker = flag(o, "marker");
  Napi::Value cs = o.Get("csrc");
  if (cs.IsArray()) {
    Napi::Array ca = cs.As<Napi::Array>();
    if (ca.Length() > 15) throwRange(env, "at most 15 CSRCs");
    h.csrcCount = static_cast<uint8_t>(ca.Length());
    for (uint32_t i = 0; i < ca.Length(); ++i) h.csrc[i] = ca.Get(i).As<Napi::Number>().Uint32Value();
  }
  const uint8_t* ext = nullptr;
  if (info.Length() > 2 && info[2].IsTypedArray()) {
    auto e = info[2].As<Napi::Uint8Array>();
    if (e.ElementLength() % 4 != 0) throwRange(env, "extension data must be whole 32-bit words");
    h.extension = true;
    h.extProfile = static_cast<uint16_t>(num(o, "extProfile", 0xBEDE));
    h.extWords = static_cast<uint16_t>(e.ElementLength() / 4);
    ext = e.Data();
  }
  const double pad = num(o, "paddingLength", 0);
  if (pad < 0 || pad > 255) throwRange(env, "paddingLength 0..255");
  h.padding = pad > 0;
  h.paddingLength = static_cast<uint8_t>(pad);
  uint8_t buf[1600];
  const size_t n = buildRtp(h, ext, pl.Data(), pl.ElementLength(), buf, sizeof buf);
  if (n == 0) throwRange(env, "packet too large");
  return Napi::Buffer<uint8_t>::Copy(env, buf, n);
}

Napi::Object sourceStats(Napi::Env env, const RtpSource& s) {
  const RtpSourceStats st = s.stats();
  Napi::Object o = Napi::Object::New(env);
  o.Set("ssrc", Napi::Number::New(env, st.ssrc));
  o.Set("received", Napi::Number::New(env, static_cast<double>(st.received)));
  o.Set("extendedMax", Napi::Number::New(env, st.extendedMax));
  o.Set("expected", Napi::Number::New(env, s.valid() ? s.expected() : 0));
  o.Set("cumulativeLost", Napi::Number::New(env, static_cast<double>(st.cumulativeLost)));
  o.Set("jitter", Napi::Number::New(env, st.jitter));
  o.Set("badSeq", Napi::Number::New(env, static_cast<double>(st.badSeq)));
  o.Set("restarts", Napi::Number::New(env, static_cast<double>(st.restarts)));
  o.Set("probationDropped", Napi::Number::New(env, static_cast<double>(st.probationDropped)));
  return o;
}

// rtpReceive(steps, { probation }) -> { results, stats }
// steps: { seq, ts, arrival, ssrc? } packets (arrival in RTP timestamp units), or { report: true }
// (takes the fraction lost for a report block; results get "report:<fraction>:<cumulative>").
Napi::Value RtpReceive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) throwType(env, "rtpReceive(steps, options?)");
  const bool probation = info.Length() > 1 && info[1].IsObject() && flag(info[1].As<Napi::Object>(), "probation");
  Napi::Array steps = info[0].As<Napi::Array>();
  Napi::Array results = Napi::Array::New(env);
  RtpSource src;
  bool started = false;
  uint32_t ssrc = 0;
  for (uint32_t i = 0; i < steps.Length(); ++i) {
    Napi::Object s = steps.Get(i).As<Napi::Object>();
    std::string r;
    if (flag(s, "report")) {
      const uint8_t f = src.takeFractionLost();
      r = "report:" + std::to_string(f) + ":" + std::to_string(src.cumulativeLost24());
    } else {
      const uint32_t ss = static_cast<uint32_t>(num(s, "ssrc", 1));
      const uint16_t seq = static_cast<uint16_t>(num(s, "seq", 0));
      if (!started || ss != ssrc) {
        r = started ? "ssrc-change:" : "";
        src.start(ss, seq, probation);
        started = true;
        ssrc = ss;
      }
      const RtpSeqResult q = src.update(seq);
      if (q == RtpSeqResult::Valid || q == RtpSeqResult::Restarted)
        src.updateJitter(static_cast<uint32_t>(num(s, "ts", 0)), static_cast<uint32_t>(num(s, "arrival", 0)));
      r += q == RtpSeqResult::Valid ? "valid" : q == RtpSeqResult::Probation ? "probation" : q == RtpSeqResult::BadSeq ? "bad" : "restart";
    }
    results.Set(i, r);
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("results", results);
  out.Set("stats", sourceStats(env, src));
  return out;
}

Napi::Value RtcpBuild(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsString()) throwType(env, "rtcpBuild(report, cname)");
  Napi::Object o = info[0].As<Napi::Object>();
  RtcpReport r;
  r.ssrc = static_cast<uint32_t>(num(o, "ssrc", 0));
  Napi::Value sv = o.Get("sender");
  if (sv.IsObject()) {
    Napi::Object so = sv.As<Napi::Object>();
    r.isSr = true;
    if (!so.Get("ntp").IsBigInt()) throwType(env, "sender.ntp must be a bigint (32.32 NTP)");
    bool lossless = true;
    r.sender.ntp = so.Get("ntp").As<Napi::BigInt>().Uint64Value(&lossless);
    r.sender.rtpTimestamp = static_cast<uint32_t>(num(so, "rtpTimestamp", 0));
    r.sender.packetCount = static_cast<uint32_t>(num(so, "packetCount", 0));
    r.sender.octetCount = static_cast<uint32_t>(num(so, "octetCount", 0));
  }
  Napi::Value bv = o.Get("blocks");
  if (bv.IsArray()) {
    Napi::Array ba = bv.As<Napi::Array>();
    if (ba.Length() > 31) throwRange(env, "at most 31 report blocks");
    r.nBlocks = static_cast<int>(ba.Length());
    for (uint32_t i = 0; i < ba.Length(); ++i) {
      Napi::Object b = ba.Get(i).As<Napi::Object>();
      RtcpReportBlock& k = r.blocks[i];
      k.ssrc = static_cast<uint32_t>(num(b, "ssrc", 0));
      k.fractionLost = static_cast<uint8_t>(num(b, "fractionLost", 0));
      k.cumulativeLost = static_cast<int32_t>(num(b, "cumulativeLost", 0));
      k.extHighestSeq = static_cast<uint32_t>(num(b, "extHighestSeq", 0));
      k.jitter = static_cast<uint32_t>(num(b, "jitter", 0));
      k.lsr = static_cast<uint32_t>(num(b, "lsr", 0));
      k.dlsr = static_cast<uint32_t>(num(b, "dlsr", 0));
    }
  }
  const std::string cname = info[1].As<Napi::String>().Utf8Value();
  if (cname.size() > 255) throwRange(env, "CNAME longer than 255 octets");
  uint8_t buf[1500];
  size_t n = buildRtcpCompound(r, cname.c_str(), buf, sizeof buf);
  if (info.Length() > 2 && info[2].ToBoolean().Value()) n += buildRtcpBye(r.ssrc, buf + n, sizeof buf - n);
  return Napi::Buffer<uint8_t>::Copy(env, buf, n);
}

Napi::Value RtcpParse(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto a = bytesArg(info, 0, "rtcpParse(packet)");
  RtcpParsed p;
  const RtcpError e = parseRtcpCompound(a.Data(), a.ElementLength(), &p);
  Napi::Object o = Napi::Object::New(env);
  if (e != RtcpError::None) {
    o.Set("error", rtcpErrorName(e));
    return o;
  }
  o.Set("packets", p.packets);
  o.Set("bye", p.bye);
  if (p.haveCname) o.Set("cname", std::string(p.cname));
  const RtcpReport& r = p.report;
  o.Set("type", r.isSr ? "SR" : "RR");
  o.Set("ssrc", Napi::Number::New(env, r.ssrc));
  if (r.isSr) {
    Napi::Object s = Napi::Object::New(env);
    s.Set("ntp", Napi::BigInt::New(env, r.sender.ntp));
    s.Set("rtpTimestamp", Napi::Number::New(env, r.sender.rtpTimestamp));
    s.Set("packetCount", Napi::Number::New(env, r.sender.packetCount));
    s.Set("octetCount", Napi::Number::New(env, r.sender.octetCount));
    o.Set("sender", s);
  }
  Napi::Array blocks = Napi::Array::New(env, r.nBlocks);
  for (int i = 0; i < r.nBlocks; ++i) {
    const RtcpReportBlock& k = r.blocks[i];
    Napi::Object b = Napi::Object::New(env);
    b.Set("ssrc", Napi::Number::New(env, k.ssrc));
    b.Set("fractionLost", k.fractionLost);
    b.Set("cumulativeLost", k.cumulativeLost);
    b.Set("extHighestSeq", Napi::Number::New(env, k.extHighestSeq));
    b.Set("jitter", Napi::Number::New(env, k.jitter));
    b.Set("lsr", Napi::Number::New(env, k.lsr));
    b.Set("dlsr", Napi::Number::New(env, k.dlsr));
    blocks.Set(static_cast<uint32_t>(i), b);
  }
  o.Set("blocks", blocks);
  return o;
}

Napi::Value RtcpRoundTrip(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  for (size_t i = 0; i < 3; ++i)
    if (info.Length() <= i || !info[i].IsNumber()) throwType(env, "rtcpRoundTrip(arrivalMiddle32, lsr, dlsr)");
  return Napi::Number::New(env, static_cast<double>(rtcpRoundTrip(info[0].As<Napi::Number>().Uint32Value(),
                                                                   info[1].As<Napi::Number>().Uint32Value(),
                                                                   info[2].As<Napi::Number>().Uint32Value())));
}

}  // namespace

void initRtpBinding(Napi::Env env, Napi::Object media) {
  media.Set("rtpParse", Napi::Function::New(env, RtpParse, "rtpParse"));
  media.Set("rtpBuild", Napi::Function::New(env, RtpBuild, "rtpBuild"));
  media.Set("rtpReceive", Napi::Function::New(env, RtpReceive, "rtpReceive"));
  media.Set("rtcpBuild", Napi::Function::New(env, RtcpBuild, "rtcpBuild"));
  media.Set("rtcpParse", Napi::Function::New(env, RtcpParse, "rtcpParse"));
  media.Set("rtcpRoundTrip", Napi::Function::New(env, RtcpRoundTrip, "rtcpRoundTrip"));
}

}  // namespace tandem::media

/**
 * variant-character: characters in Chinese text that are not the standard
 * simplified forms (通用规范汉字): Japanese shinjitai that slip in through
 * input methods and copied documents (実施 → 实施, 検査 → 检查), and traditional
 * forms (監督 → 监督). Each is reported at its character with the simplified form.
 */
import { textFilter, textHits } from './_strings.js';
import type { Rule } from './types.js';

/**
 * Variant → simplified, as pairs. Only characters that are never the standard
 * form in simplified Chinese text: 当, 与, 芸, 浜, 余, 于 … are standard and not here.
 * Two deliberate entries: 弁 (a rare standard character, 武弁) is in an
 * administrative list the Japanese form of 办 (弁公室); 後 is 后 outside surnames.
 */
const JAPANESE = [
  '実实 為为 対对 検检 査查 労劳 済济 経经 営营 様样 専专 弁办 県县 伝传 広广 歳岁 発发 変变 図图 単单',
  '関关 亜亚 悪恶 圧压 囲围 壱壹 隠隐 栄荣 衛卫 駅驿 円圆 塩盐 縁缘 応应 桜樱 穏稳 仮假 価价 絵绘 壊坏',
  '懐怀 拡扩 殻壳 覚觉 楽乐 渇渴 巻卷 陥陷 寛宽 漢汉 館馆 観观 歓欢 気气 帰归 偽伪 戯戏 犠牺 挙举 拠据',
  '郷乡 暁晓 駆驱 勲勋 恵惠 掲揭 渓溪 蛍萤 軽轻 継继 鶏鸡 撃击 倹俭 剣剑 険险 圏圈 権权 顕显 験验 厳严',
  '効效 鉱矿 黒黑 呉吴 娯娱 穀谷 砕碎 斎斋 剤剂 雑杂 賛赞 桟栈 歯齿 児儿 視视 釈释 収收 従从 渋涩 獣兽',
  '縦纵 粛肃 処处 緒绪 渉涉 焼烧 奨奖 乗乘 浄净 剰剩 畳叠 縄绳 壌壤 譲让 醸酿 粋粹 酔醉 髄髓 穂穗 瀬濑',
  '斉齐 摂摄 節节 戦战 銭钱 繊纤 荘庄 捜搜 挿插 巣巢 曽曾 痩瘦 層层 総总 騒骚 増增 蔵藏 贈赠 臓脏 続续',
  '帯带 滝泷 択择 沢泽 団团 弾弹 遅迟 鋳铸 庁厅 徴征 懲惩 聴听 勅敕 鎮镇 逓递 鉄铁 転转 稲稻 闘斗 徳德',
  '読读 難难 弐贰 悩恼 脳脑 覇霸 廃废 拝拜 売卖 髪发 抜拔 晩晚 賓宾 払拂 仏佛 併并 並并 餅饼 辺边 歩步',
  '舗铺 豊丰 毎每 満满 麺面 黙默 戻戾 訳译 薬药 揺摇 謡谣 頼赖 覧览 欄栏 竜龙 両两 猟猎 虜虏 緑绿 隣邻',
  '涙泪 塁垒 類类 霊灵 齢龄 暦历 歴历 録录',
];

const TRADITIONAL = [
  '實实 檢检 對对 當当 單单 經经 濟济 營营 勞劳 專专 傳传 廣广 歲岁 發发 變变 圖图 樣样 辦办 與与 權权',
  '險险 關关 產产 輕轻 認认 許许 書书 業业 務务 護护 質质 監监 環环 場场 買买 賣卖 貸贷 費费 統统 計计',
  '調调 備备 設设 機机 構构 組组 織织 員员 議议 決决 規规 則则 項项 報报 連连 協协 罰罚 違违 責责 現现',
  '訴诉 審审 達达 負负 導导 準准 製制 複复 範范 適适 係系 聯联 際际 輸输 運运 資资 術术 農农 園园 種种',
  '車车 東东 電电 話话 號号 劃划 區区 縣县 鄉乡 時时 間间 問问 題题 點点 開开 門门 長长 價价 體体 會会',
  '說说 這这 們们 來来 國国 學学 個个 從从 後后 應应 義义 處处 總总 數数 樓楼 藥药 醫医 療疗 驗验 測测',
  '標标 證证 據据 確确 條条 屆届 舉举 執执 動动 稅税 財财 貿贸 網网 絡络 訊讯 災灾 預预 紀纪 錄录 檔档',
  '級级 戶户 銷销 購购 貨货 倉仓 儲储 鍋锅 爐炉 壓压 氣气 輛辆 妝妆 煙烟 礦矿 廠厂 築筑 繪绘 記记 載载',
  '詳详 細细 糾纠 紛纷 錯错 誤误 減减 爲为 將将 還还 進进 過过 邊边 遠远 選选 遞递 閉闭 頭头 顯显 領领',
  '風风 評评 優优 異异 裏里 裡里 麼么 髮发 鬥斗 歷历 曆历 週周 鐘钟 飲饮 諸诸',];

const SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  [...JAPANESE, ...TRADITIONAL].flatMap((line) => line.split(' ').map((pair) => [pair[0]!, pair[1]!] as [string, string])),
);
/** Strings with one of them (one UTF-16 code unit each); nearly every string has none. */
const VARIANTS = textFilter({ units: [...SIMPLIFIED.keys()].join('') });

export const rule: Rule = {
  meta: {
    id: 'variant-character',
    category: 'text',
    description: { zh: '中文文本中的日文字形或繁体字', en: 'Japanese or traditional character forms in Chinese text' },
    defaultSeverity: 'warning',
    scope: 'file',
    messages: {
      variant: {
        zh: '“{char}”不是规范简化字，应为“{suggestion}”（{context}）。',
        en: '"{char}" is not a standard simplified character; write "{suggestion}" ({context}).',
      },
    },
  },
  shares: [textHits],
  check({ report, shared }) {
    for (const { entry, path, value } of shared(textHits).get(VARIANTS)!) {
      for (let at = 0; at < value.length; at++) {
        const char = value[at]!;
        const suggestion = SIMPLIFIED.get(char);
        if (suggestion === undefined) continue;
        report({
          entry,
          field: path,
          start: at,
          end: at + 1,
          messageId: 'variant',
          // The word around it, so that a message read apart from its code frame still shows where.
          data: { char, suggestion, context: value.slice(Math.max(0, at - 2), at + 3).replace(/\s+/g, ' ') },
        });
      }
    }
  },
};

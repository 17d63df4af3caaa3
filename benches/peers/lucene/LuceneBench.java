// Benchmark peer: Apache Lucene 9.9.1 on the same corpus and query mix as Concord.
//
//   java LuceneBench index CORPUS_DIR INDEX_DIR STATS_JSON
//       (re)builds the index when it is missing or the corpus changed, one segment at the end
//   java LuceneBench bench INDEX_DIR STATS_JSON QUERIES_JSON OUT_JSON NAME [MIX_LABEL]
//       runs the query mix single-threaded, writes OUT_JSON and prints a Markdown table
//
// Driven by run.sh beside this file; see README.md for the semantics.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.UnicodeUtil;
import org.apache.lucene.util.Version;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

public class LuceneBench {
    /** Bump when analysis or the index layout changes: cached indexes are rebuilt. */
    static final int INDEX_FORMAT = 2;

    static final int RAM_BUFFER_MB = 64;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("index")) {
            index(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]));
        } else if (args.length >= 6 && args[0].equals("bench")) {
            bench(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]), Paths.get(args[4]), args[5],
                    args.length >= 7 ? args[6] : args[3]);
        } else {
            System.err.println("usage: LuceneBench index CORPUS_DIR INDEX_DIR STATS_JSON\n"
                    + "       LuceneBench bench INDEX_DIR STATS_JSON QUERIES_JSON OUT_JSON NAME [MIX_LABEL]");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Analysis: one pair of fields per analysis language, mirroring concord-index's analyzers.
    // ---------------------------------------------------------------------------------------

    /** Concord's analysis languages; any other language code is analysed as "xx". */
    static final List<String> LANGUAGES = List.of(
            "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "tr", "el", "ar", "ja", "ko", "zh", "xx");

    static String analysisLanguage(String lang) {
        return lang != null && LANGUAGES.contains(lang) ? lang : "xx";
    }

    static final float TITLE_BOOST = 2.0f;

    /** Concord's word tokenizer: runs of letters, digits (Unicode alphanumeric) and combining marks. */
    static final class WordTokenizer extends CharTokenizer {
        @Override
        protected boolean isTokenChar(int c) {
            if (Character.isAlphabetic(c)) return true;
            switch (Character.getType(c)) {
                case Character.DECIMAL_DIGIT_NUMBER:
                case Character.LETTER_NUMBER:
                case Character.OTHER_NUMBER:
                    return true;
                default:
                    return isCombiningMark(c);
            }
        }

        static boolean isCombiningMark(int c) {
            return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) || (c >= 0x0591 && c <= 0x05BD)
                    || (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670
                    || (c >= 0x06D6 && c <= 0x06ED) || (c >= 0x0900 && c <= 0x0903) || (c >= 0x093A && c <= 0x094F)
                    || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF)
                    || (c >= 0xFE20 && c <= 0xFE2F);
        }
    }

    /** Drops tokens of 60 UTF-8 bytes or more (tantivy's RemoveLongFilter::limit(60)). */
    static final class RemoveLongFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        RemoveLongFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            return UnicodeUtil.calcUTF16toUTF8Length(term, 0, term.length()) < 60;
        }
    }

    /** Rewrites each token's text (Concord's MapFilter). */
    static final class MapFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final UnaryOperator<String> map;

        MapFilter(TokenStream in, UnaryOperator<String> map) {
            super(in);
            this.map = map;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) return false;
            String mapped = map.apply(term.toString());
            term.setEmpty().append(mapped);
            return true;
        }
    }

    static String mapChars(String s, int[][] pairs) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            for (int[] p : pairs) {
                if (p[0] == c) {
                    if (p.length > 1) out.appendCodePoint(p[1]);
                    return;
                }
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    static final int[][] TURKISH_FOLD = {{'ı', 'i'}, {'ç', 'c'}, {'ş', 's'}, {'ğ', 'g'}, {'ö', 'o'}, {'ü', 'u'},
            {'â', 'a'}, {'î', 'i'}, {'û', 'u'}};
    static final int[][] GREEK_NORMALIZE = {{'ά', 'α'}, {'έ', 'ε'}, {'ή', 'η'}, {'ί', 'ι'}, {'ϊ', 'ι'}, {'ΐ', 'ι'},
            {'ό', 'ο'}, {'ύ', 'υ'}, {'ϋ', 'υ'}, {'ΰ', 'υ'}, {'ώ', 'ω'}, {'ς', 'σ'}};
    static final int[][] RUSSIAN_YO = {{'ё', 'е'}};

    static String arabicNormalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) return;
            if (c == 'أ' || c == 'إ' || c == 'آ' || c == 'ٱ') out.append('ا');
            else if (c == 'ى') out.append('ي');
            else out.appendCodePoint(c);
        });
        return out.toString();
    }

    static final String[] UK_ENDINGS = {"ського", "ському", "ськими", "ами", "ями", "ові", "еві", "єві", "ого", "ому",
            "ими", "іми", "ать", "ять", "уть", "ють", "ала", "или", "ила", "ало", "ах", "ях", "ів", "їв", "ам", "ям", "ою",
            "ею", "єю", "ом", "ем", "ий", "ій", "их", "їх", "им", "ім", "ої", "ей", "ти", "ла", "ли", "ло", "ть", "ся"};
    static final String UK_VOWELS = "аяоеєуюіиї";

    /** Concord's light Ukrainian suffix stripper (all these letters are single UTF-16 units). */
    static String ukrainianStem(String s) {
        int letters = s.length();
        String best = null;
        for (String e : UK_ENDINGS) {
            if (s.endsWith(e) && letters - e.length() >= 3 && (best == null || e.length() >= best.length())) best = e;
        }
        if (best != null) return s.substring(0, s.length() - best.length());
        if (letters > 3) {
            char last = s.charAt(s.length() - 1);
            if (UK_VOWELS.indexOf(last) >= 0 || last == 'ь' || last == 'й') return s.substring(0, s.length() - 1);
        }
        return s;
    }

    static SnowballStemmer snowball(String lang) {
        switch (lang) {
            case "en": return new EnglishStemmer();
            case "fr": return new FrenchStemmer();
            case "de": return new GermanStemmer();
            case "es": return new SpanishStemmer();
            case "it": return new ItalianStemmer();
            case "pt": return new PortugueseStemmer();
            case "nl": return new DutchStemmer();
            default: throw new IllegalArgumentException(lang);
        }
    }

    static Analyzer languageAnalyzer(String lang) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                if (lang.equals("ja") || lang.equals("ko") || lang.equals("zh")) {
                    // Concord's bigram fallback (no lindera dictionary): CJK runs as overlapping
                    // bigrams, other words whole.
                    Tokenizer source = new StandardTokenizer();
                    TokenStream ts = new CJKWidthFilter(source);
                    ts = new LowerCaseFilter(ts);
                    ts = new CJKBigramFilter(ts);
                    return new TokenStreamComponents(source, ts);
                }
                Tokenizer source = new WordTokenizer();
                TokenStream ts = new RemoveLongFilter(source);
                switch (lang) {
                    case "en": case "fr": case "de": case "es": case "it": case "pt": case "nl":
                        ts = new ASCIIFoldingFilter(new SnowballFilter(new LowerCaseFilter(ts), snowball(lang)));
                        break;
                    case "ru":
                        ts = new SnowballFilter(new MapFilter(new LowerCaseFilter(ts), s -> mapChars(s, RUSSIAN_YO)),
                                new RussianStemmer());
                        break;
                    case "uk":
                        ts = new MapFilter(new LowerCaseFilter(ts), LuceneBench::ukrainianStem);
                        break;
                    case "tr":
                        ts = new MapFilter(new SnowballFilter(new TurkishLowerCaseFilter(ts), new TurkishStemmer()),
                                s -> mapChars(s, TURKISH_FOLD));
                        break;
                    case "el":
                        ts = new MapFilter(new SnowballFilter(new LowerCaseFilter(ts), new GreekStemmer()),
                                s -> mapChars(s, GREEK_NORMALIZE));
                        break;
                    case "ar":
                        ts = new SnowballFilter(new MapFilter(ts, LuceneBench::arabicNormalize), new ArabicStemmer());
                        break;
                    default:
                        ts = new ASCIIFoldingFilter(new LowerCaseFilter(ts));
                }
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    static Analyzer perFieldAnalyzer() {
        Map<String, Analyzer> byField = new HashMap<>();
        for (String lang : LANGUAGES) {
            Analyzer a = languageAnalyzer(lang);
            byField.put("title_" + lang, a);
            byField.put("body_" + lang, a);
        }
        return new PerFieldAnalyzerWrapper(languageAnalyzer("xx"), byField);
    }

    // ---------------------------------------------------------------------------------------
    // Dates: partial dates as yyyymmdd day keys, like concord_corpus::PartialDate.
    // ---------------------------------------------------------------------------------------

    /** {start, end} day keys of "yyyy", "yyyy-mm" or "yyyy-mm-dd", or null when it is none of those. */
    static long[] dateRange(String text) {
        if (text == null) return null;
        String[] parts = text.trim().split("-", -1);
        if (parts.length == 0 || parts.length > 3) return null;
        int[] widths = {4, 2, 2};
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() != widths[i]) return null;
            for (char ch : parts[i].toCharArray()) if (ch < '0' || ch > '9') return null;
            values[i] = Integer.parseInt(parts[i]);
        }
        int year = values[0];
        if (parts.length >= 2 && (values[1] < 1 || values[1] > 12)) return null;
        if (parts.length == 3 && (values[2] < 1 || values[2] > daysInMonth(year, values[1]))) return null;
        int sm = parts.length >= 2 ? values[1] : 1, sd = parts.length == 3 ? values[2] : 1;
        int em = parts.length >= 2 ? values[1] : 12, ed = parts.length == 3 ? values[2] : daysInMonth(year, em);
        return new long[] {year * 10000L + sm * 100 + sd, year * 10000L + em * 100 + ed};
    }

    static int daysInMonth(int year, int month) {
        switch (month) {
            case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Indexing
    // ---------------------------------------------------------------------------------------

    static final String[][] FACET_GROUPS = {
            {"party", "parties"}, {"venue", "venues"}, {"topic", "topics"}, {"process", "processes"}};

    static List<Path> corpusFiles(Path corpus) throws IOException {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted().collect(Collectors.toList());
        }
    }

    static String fingerprint(Path corpus, List<Path> files) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(("format " + INDEX_FORMAT + " lucene " + Version.LATEST + "\n").getBytes(StandardCharsets.UTF_8));
        for (Path f : files) {
            String line = corpus.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) hex.append(String.format("%02x", b));
        return hex.toString();
    }

    static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static void index(Path corpus, Path indexDir, Path statsPath) throws Exception {
        List<Path> files = corpusFiles(corpus);
        if (files.isEmpty()) throw new IllegalArgumentException("no *.jsonl files under " + corpus);
        String fp = fingerprint(corpus, files);
        boolean force = "1".equals(System.getenv("CONCORD_LUCENE_REINDEX"));
        if (!force && Files.exists(statsPath) && DirectoryReader.indexExists(FSDirectory.open(indexDir))) {
            JsonNode old = JSON.readTree(statsPath.toFile());
            if (fp.equals(old.path("fingerprint").asText())) {
                System.out.printf("lucene: index %s is up to date (%d docs); set CONCORD_LUCENE_REINDEX=1 to rebuild%n",
                        indexDir, old.path("docs").asLong());
                return;
            }
            System.out.println("lucene: corpus or index format changed, rebuilding " + indexDir);
        }
        Files.deleteIfExists(statsPath);
        System.out.printf("lucene: indexing %d files from %s into %s%n", files.size(), corpus, indexDir);

        IndexWriterConfig config = new IndexWriterConfig(perFieldAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // Concord's tantivy writer: one thread, a 64 MB memory budget (merges run in the background).
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        long inputBytes = 0, docs = 0, skipped = 0;
        TreeSet<String> langs = new TreeSet<>();
        long started = System.nanoTime();
        try (Directory dir = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(dir, config)) {
            for (Path f : files) {
                inputBytes += Files.size(f);
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) continue;
                        JsonNode o;
                        try {
                            o = JSON.readTree(line);
                        } catch (IOException e) {
                            skipped++;
                            continue;
                        }
                        String id = o.path("id").asText(null);
                        if (id == null) {
                            skipped++;
                            continue;
                        }
                        String lang = analysisLanguage(o.path("lang").asText(null));
                        langs.add(lang);
                        Document doc = new Document();
                        doc.add(new StoredField("id", id));
                        doc.add(new TextField("title_" + lang, o.path("title").asText(""), Field.Store.NO));
                        doc.add(new TextField("body_" + lang, o.path("body").asText(""), Field.Store.NO));
                        for (String[] g : FACET_GROUPS) {
                            for (JsonNode v : o.path(g[1])) doc.add(new StringField(g[0], v.asText(), Field.Store.NO));
                        }
                        if (o.hasNonNull("lang")) doc.add(new StringField("lang", o.get("lang").asText(), Field.Store.NO));
                        if (o.hasNonNull("doc_type")) {
                            doc.add(new StringField("doc_type", o.get("doc_type").asText(), Field.Store.NO));
                        }
                        long[] range = dateRange(o.path("date").asText(null));
                        if (range != null) {
                            doc.add(new LongPoint("date_start", range[0]));
                            doc.add(new LongPoint("date_end", range[1]));
                            doc.add(new NumericDocValuesField("date_start", range[0]));
                        }
                        writer.addDocument(doc);
                        docs++;
                        if (docs % 200_000 == 0) {
                            System.out.printf("lucene:   %,d docs, %.1f s%n", docs, (System.nanoTime() - started) / 1e9);
                        }
                    }
                }
            }
            writer.setLiveCommitData(Map.of("langs", String.join(",", langs)).entrySet());
            writer.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            int segments = SegmentInfos.readLatestCommit(dir).size();
            long bytesBefore = directoryBytes(indexDir);
            System.out.printf("lucene: indexed %,d docs in %.1f s (%d segments, %,d bytes); merging to one segment%n",
                    docs, seconds, segments, bytesBefore);
            long mergeStarted = System.nanoTime();
            writer.forceMerge(1);
            writer.commit();
            double mergeSeconds = (System.nanoTime() - mergeStarted) / 1e9;
            writer.close();
            long bytes = directoryBytes(indexDir);
            ObjectNode stats = JSON.createObjectNode();
            stats.put("fingerprint", fp);
            stats.put("corpus_dir", corpus.toAbsolutePath().toString());
            stats.put("docs", docs);
            stats.put("skipped_lines", skipped);
            stats.put("input_bytes", inputBytes);
            stats.put("seconds", round(seconds, 3));
            stats.put("merge_seconds", round(mergeSeconds, 3));
            stats.put("docs_per_s", round(docs / seconds, 1));
            stats.put("mb_per_s", round(inputBytes / 1e6 / seconds, 2));
            stats.put("docs_per_s_with_merge", round(docs / (seconds + mergeSeconds), 1));
            stats.put("mb_per_s_with_merge", round(inputBytes / 1e6 / (seconds + mergeSeconds), 2));
            stats.put("segments_before_merge", segments);
            stats.put("index_bytes_before_merge", bytesBefore);
            stats.put("index_bytes", bytes);
            stats.put("ram_buffer_mb", RAM_BUFFER_MB);
            stats.put("indexing_threads", 1);
            stats.put("langs", String.join(",", langs));
            stats.put("java", System.getProperty("java.version"));
            stats.put("lucene", Version.LATEST.toString());
            JSON.writeValue(statsPath.toFile(), stats);
            System.out.printf("lucene: merged in %.1f s; %,d bytes on disk%n", mergeSeconds, bytes);
        }
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    // ---------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------

    static final String[] FILTER_GROUPS = {"party", "venue", "topic", "process", "lang", "doc_type"};

    /** One class of the query mix, as parsed from the YAML (converted to JSON by run.sh). */
    static final class QueryClass {
        String name;
        String q = "";
        Map<String, List<String>> filters = new LinkedHashMap<>();
        long[] from, to;
        int sort; // 0 relevance, -1 newest first, +1 oldest first
        int limit = 20, offset = 0;
        String skipped;
        String[] fields;
        Map<String, Float> boosts;
        // results
        long[] samples = new long[20_000];
        int n;
        long totalHits = -1;
    }

    static List<String> stringList(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isArray()) {
            for (JsonNode x : v) out.add(x.asText());
        } else {
            for (String s : v.asText().split(",")) if (!s.isBlank()) out.add(s.trim());
        }
        return out;
    }

    static QueryClass parseClass(JsonNode entry, List<String> indexLangs) {
        QueryClass c = new QueryClass();
        c.name = entry.path("class").asText();
        JsonNode p = entry.path("params");
        c.q = p.path("q").asText("").trim();
        for (String g : FILTER_GROUPS) {
            List<String> values = stringList(p.get(g));
            if (!values.isEmpty()) c.filters.put(g, values);
        }
        if (p.hasNonNull("from")) {
            c.from = dateRange(p.get("from").asText());
            if (c.from == null) throw new IllegalArgumentException(c.name + ": bad from " + p.get("from"));
        }
        if (p.hasNonNull("to")) {
            c.to = dateRange(p.get("to").asText());
            if (c.to == null) throw new IllegalArgumentException(c.name + ": bad to " + p.get("to"));
        }
        String sort = p.path("sort").asText("");
        c.sort = sort.equals("-date") ? -1 : sort.equals("date") ? 1 : 0;
        c.limit = p.path("limit").asInt(20);
        c.offset = p.path("offset").asInt(0);

        List<String> reasons = new ArrayList<>();
        if (!p.path("facets").asText("all").equals("none")) {
            reasons.add("needs facet counts (no facet module in the anserini fatjar)");
        }
        if (!p.path("histogram").asText("year").equals("none")) reasons.add("needs a date histogram");
        if (p.path("highlight").asBoolean(true)) reasons.add("needs snippets");
        if (!reasons.isEmpty()) c.skipped = String.join("; ", reasons);

        // Query fields: every analysis language in the index, or those the lang filter names.
        List<String> langs = new ArrayList<>(indexLangs);
        if (c.filters.containsKey("lang")) {
            Set<String> wanted = c.filters.get("lang").stream().map(LuceneBench::analysisLanguage)
                    .collect(Collectors.toSet());
            langs.removeIf(l -> !wanted.contains(l));
            if (langs.isEmpty()) langs.add("xx");
        }
        List<String> fields = new ArrayList<>();
        c.boosts = new HashMap<>();
        for (String l : langs) {
            fields.add("title_" + l);
            fields.add("body_" + l);
            c.boosts.put("title_" + l, TITLE_BOOST);
        }
        c.fields = fields.toArray(new String[0]);
        return c;
    }

    static Query buildQuery(QueryClass c, Analyzer analyzer) throws Exception {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (c.q.isEmpty()) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        } else {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(c.fields, analyzer, c.boosts);
            parser.setDefaultOperator(QueryParser.Operator.AND);
            Query text = parser.parse(c.q);
            if (text instanceof BooleanQuery && ((BooleanQuery) text).clauses().stream()
                    .allMatch(cl -> cl.getOccur() == BooleanClause.Occur.MUST_NOT)) {
                // "-russia" alone means everything but russia, as in Concord.
                BooleanQuery.Builder all = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
                for (BooleanClause cl : ((BooleanQuery) text).clauses()) all.add(cl);
                text = all.build();
            }
            b.add(text, BooleanClause.Occur.MUST);
        }
        for (Map.Entry<String, List<String>> f : c.filters.entrySet()) {
            BooleanQuery.Builder group = new BooleanQuery.Builder();
            for (String v : f.getValue()) group.add(new TermQuery(new Term(f.getKey(), v)), BooleanClause.Occur.SHOULD);
            b.add(group.build(), BooleanClause.Occur.FILTER);
        }
        if (c.from != null) b.add(LongPoint.newRangeQuery("date_end", c.from[0], Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        if (c.to != null) b.add(LongPoint.newRangeQuery("date_start", Long.MIN_VALUE, c.to[1]), BooleanClause.Occur.FILTER);
        return b.build();
    }

    static volatile long sink;
    static final Set<String> ID_ONLY = Set.of("id");

    /** One search as a client would make it: parse, search with exact count, fetch the page's ids. */
    static long run(QueryClass c, IndexSearcher searcher, Analyzer analyzer) throws Exception {
        return run(c, searcher, analyzer, false);
    }

    static long run(QueryClass c, IndexSearcher searcher, Analyzer analyzer, boolean show) throws Exception {
        Query query = buildQuery(c, analyzer);
        int n = Math.max(1, c.offset + c.limit);
        TopDocsCollector<?> collector;
        if (c.sort == 0) {
            collector = TopScoreDocCollector.create(n, Integer.MAX_VALUE);
        } else {
            boolean newestFirst = c.sort < 0;
            SortField field = new SortField("date_start", SortField.Type.LONG, newestFirst);
            field.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
            collector = TopFieldCollector.create(new Sort(field), n, Integer.MAX_VALUE);
        }
        searcher.search(query, collector);
        TopDocs page = collector.topDocs(c.offset, c.limit);
        StoredFields stored = searcher.storedFields();
        long check = 0;
        for (ScoreDoc sd : page.scoreDocs) {
            String id = stored.document(sd.doc, ID_ONLY).get("id");
            check += id.length();
            if (show) System.out.printf("    %s%n", id);
        }
        sink += check;
        // The collector's count, not page.totalHits: a page past the last hit reports 0 there.
        int total = collector.getTotalHits();
        if (show) System.out.printf("  %s: %s -> %,d hits%n", c.name, query, total);
        return total;
    }

    static void bench(Path indexDir, Path statsPath, Path queriesPath, Path outPath, String name, String mixLabel)
            throws Exception {
        long warmupMs = envLong("CONCORD_BENCH_WARMUP_MS", 300);
        long measureMs = envLong("CONCORD_BENCH_MEASURE_MS", 2000);
        long jitWarmupMs = envLong("CONCORD_LUCENE_JIT_WARMUP_MS", 3000);
        int maxSamples = 20_000;
        boolean queryCache = "1".equals(System.getenv("CONCORD_LUCENE_QUERY_CACHE"));
        boolean show = "1".equals(System.getenv("CONCORD_LUCENE_SHOW"));
        JsonNode mix = JSON.readTree(queriesPath.toFile());
        JsonNode stats = JSON.readTree(statsPath.toFile());

        try (Directory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            if (!queryCache) searcher.setQueryCache(null); // Concord has no query cache
            Analyzer analyzer = perFieldAnalyzer();
            String langsText = reader.getIndexCommit().getUserData().getOrDefault("langs", "xx");
            List<String> langs = Arrays.asList(langsText.split(","));
            System.out.printf("lucene %s, java %s (%s), %,d docs in %d segment(s), languages %s, query cache %s%n",
                    Version.LATEST, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    reader.numDocs(), reader.leaves().size(), langsText, queryCache ? "on" : "off");

            List<QueryClass> classes = new ArrayList<>();
            for (JsonNode entry : mix.path("queries")) classes.add(parseClass(entry, langs));
            List<QueryClass> active = classes.stream().filter(c -> c.skipped == null).collect(Collectors.toList());

            for (QueryClass c : active) c.totalHits = run(c, searcher, analyzer, show);
            // The JVM compiles the hot paths while it runs them: rounds of the whole mix first, so
            // that the per-class warm-up and the samples see compiled code, as Concord's do.
            long jitEnd = System.nanoTime() + jitWarmupMs * 1_000_000L;
            while (!active.isEmpty() && System.nanoTime() < jitEnd) {
                for (QueryClass c : active) run(c, searcher, analyzer);
            }
            for (QueryClass c : active) {
                long end = System.nanoTime() + warmupMs * 1_000_000L;
                while (System.nanoTime() < end) run(c, searcher, analyzer);
            }
            long deadline = System.nanoTime() + measureMs * 1_000_000L * active.size();
            boolean more = !active.isEmpty();
            while (more && System.nanoTime() < deadline) {
                more = false;
                for (QueryClass c : active) {
                    if (c.n >= maxSamples) continue;
                    long t0 = System.nanoTime();
                    long hits = run(c, searcher, analyzer);
                    c.samples[c.n++] = System.nanoTime() - t0;
                    if (hits != c.totalHits) throw new IllegalStateException(c.name + ": total changed");
                    more |= c.n < maxSamples;
                }
            }

            ObjectNode out = JSON.createObjectNode();
            out.put("engine", "lucene-" + Version.LATEST);
            out.put("corpus", name);
            out.put("docs", reader.numDocs());
            out.put("query_mix", mixLabel);
            out.put("query_mix_version", mix.path("version").asInt());
            out.put("java", System.getProperty("java.version"));
            out.put("warmup_ms", warmupMs);
            out.put("measure_ms", measureMs);
            out.put("jit_warmup_ms", jitWarmupMs);
            out.put("threads", 1);
            out.put("query_cache", queryCache);
            ObjectNode idx = out.putObject("indexing");
            for (String k : List.of("seconds", "merge_seconds", "docs_per_s", "mb_per_s", "index_bytes",
                    "docs_per_s_with_merge", "mb_per_s_with_merge", "input_bytes", "segments_before_merge",
                    "index_bytes_before_merge", "ram_buffer_mb", "indexing_threads")) {
                if (stats.has(k)) idx.set(k, stats.get(k));
            }
            ArrayNode arr = out.putArray("classes");
            StringBuilder table = new StringBuilder();
            table.append(String.format("%n| class | samples | p50 ms | p95 ms | p99 ms | mean ms | qps | hits |%n"));
            table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (QueryClass c : classes) {
                ObjectNode o = arr.addObject();
                o.put("class", c.name);
                if (c.skipped != null) {
                    o.put("skipped", c.skipped);
                    table.append(String.format("| %s | skipped: %s | | | | | | |%n", c.name, c.skipped));
                    continue;
                }
                long[] s = Arrays.copyOf(c.samples, c.n);
                Arrays.sort(s);
                double mean = Arrays.stream(s).average().orElse(Double.NaN) / 1e6;
                double p50 = pct(s, 0.50), p95 = pct(s, 0.95), p99 = pct(s, 0.99);
                o.put("samples", s.length);
                o.put("p50_ms", round(p50, 4));
                o.put("p95_ms", round(p95, 4));
                o.put("p99_ms", round(p99, 4));
                o.put("mean_ms", round(mean, 4));
                o.put("qps", round(1000.0 / mean, 1));
                o.put("total_hits", c.totalHits);
                table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %,d |%n",
                        c.name, s.length, p50, p95, p99, mean, 1000.0 / mean, c.totalHits));
            }
            Path parent = outPath.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            JSON.writeValue(outPath.toFile(), out);
            System.out.print(table);
            System.out.printf(Locale.ROOT, "%nindexing: %,d docs, %.1f s (+%.1f s merge to one segment), %.0f docs/s, "
                            + "%.1f MB/s of JSON, %,d bytes on disk%nwrote %s%n",
                    stats.path("docs").asLong(), stats.path("seconds").asDouble(), stats.path("merge_seconds").asDouble(),
                    stats.path("docs_per_s").asDouble(), stats.path("mb_per_s").asDouble(),
                    stats.path("index_bytes").asLong(), outPath);
        }
    }

    static double pct(long[] sorted, double fraction) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(int) Math.round((sorted.length - 1) * fraction)] / 1e6;
    }

    static long envLong(String name, long fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) return fallback;
        return Long.parseLong(v.trim());
    }
}

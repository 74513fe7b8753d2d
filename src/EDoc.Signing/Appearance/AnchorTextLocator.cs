using System.Globalization;
using System.Text;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Tokenization;

namespace EDoc.Signing.Appearance;

/// <summary>A place where an anchor text was found.</summary>
/// <param name="PageIndex">The zero-based page.</param>
/// <param name="Bounds">The text's bounding box in points on the page as the reader sees it.</param>
public readonly record struct AnchorMatch(int PageIndex, PageRectangle Bounds);

/// <summary>
/// Finds text on PDF pages (e.g. <c>Số:</c>, the signer's name or a placeholder) and returns its bounding box, for
/// placing signatures, number/date fields and stamps. Supports the text operators Tj, TJ, ', ", Td, TD, Tm, T*, TL,
/// Tc, Tw, Tz, Ts, cm/q/Q; simple fonts (ToUnicode, else WinAnsi/standard encoding) and Type0 fonts with 2-byte
/// codes and ToUnicode (what LibreOffice and most producers write). Text in form XObjects is not searched.
/// Matching ignores whitespace and compares NFC text.
/// </summary>
public static class AnchorTextLocator
{
    /// <summary>Finds every occurrence of <paramref name="anchor"/>.</summary>
    /// <param name="pdf">The PDF (seekable, readable; left open).</param>
    /// <param name="anchor">The text to find.</param>
    /// <param name="pageIndex">A zero-based page, -1 for the last page, or <see langword="null"/> for every page.</param>
    /// <returns>The matches in page and content order.</returns>
    /// <exception cref="PdfFormatException">The PDF is malformed or encrypted.</exception>
    public static IReadOnlyList<AnchorMatch> Find(Stream pdf, string anchor, int? pageIndex = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentException.ThrowIfNullOrWhiteSpace(anchor);
        string needle = Squash(anchor);
        using PdfDocumentReader reader = PdfDocumentReader.Open(pdf, PdfReaderOptions.Default, leaveOpen: true);
        int count = PdfPageTree.GetPageCount(reader.Latest, reader.Catalog);
        var result = new List<AnchorMatch>();
        IEnumerable<int> pages = pageIndex is null ? Enumerable.Range(0, count) : [pageIndex == -1 ? count - 1 : pageIndex.Value];
        foreach (int i in pages)
        {
            if (i < 0 || i >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(pageIndex), pageIndex, $"The document has {count} page(s).");
            }

            PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, i);
            List<TextGlyph> glyphs = new PageTextExtractor(reader, page).Extract();
            var text = new StringBuilder();
            var owners = new List<int>();
            for (int g = 0; g < glyphs.Count; g++)
            {
                foreach (char c in Squash(glyphs[g].Text))
                {
                    text.Append(c);
                    owners.Add(g);
                }
            }

            string hay = text.ToString();
            for (int at = hay.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = hay.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
                for (int k = owners[at]; k <= owners[at + needle.Length - 1]; k++)
                {
                    TextGlyph t = glyphs[k];
                    x1 = Math.Min(x1, t.X1);
                    y1 = Math.Min(y1, t.Y1);
                    x2 = Math.Max(x2, t.X2);
                    y2 = Math.Max(y2, t.Y2);
                }

                result.Add(new AnchorMatch(i, PageGeometry.FromUserSpaceRect(page, [x1, y1, x2, y2])));
            }
        }

        return result;
    }

    /// <summary>Returns the boxes of the text on a page (one per run of glyphs on a line), in points on the page as
    /// the reader sees it, e.g. to keep a text block from covering existing text.</summary>
    /// <param name="pdf">The PDF (seekable, readable; left open).</param>
    /// <param name="pageIndex">A zero-based page or -1 for the last page.</param>
    /// <returns>The boxes.</returns>
    /// <exception cref="PdfFormatException">The PDF is malformed or encrypted.</exception>
    public static IReadOnlyList<PageRectangle> GetTextBoxes(Stream pdf, int pageIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using PdfDocumentReader reader = PdfDocumentReader.Open(pdf, PdfReaderOptions.Default, leaveOpen: true);
        PdfPage page = UrgencyStampWriter.ResolvePage(reader, pageIndex);
        var boxes = new List<PageRectangle>();
        double[]? run = null;
        foreach (TextGlyph g in new PageTextExtractor(reader, page).Extract())
        {
            if (string.IsNullOrWhiteSpace(g.Text))
            {
                continue;
            }

            double h = g.Y2 - g.Y1;
            if (run is not null && Math.Abs(run[1] - g.Y1) < h * 0.3 && g.X1 - run[2] < h && g.X1 >= run[0] - 1)
            {
                run[2] = Math.Max(run[2], g.X2);
                run[3] = Math.Max(run[3], g.Y2);
                continue;
            }

            if (run is not null)
            {
                boxes.Add(PageGeometry.FromUserSpaceRect(page, run));
            }

            run = [g.X1, g.Y1, g.X2, g.Y2];
        }

        if (run is not null)
        {
            boxes.Add(PageGeometry.FromUserSpaceRect(page, run));
        }

        return boxes;
    }

    /// <summary>
    /// Places a block at the top right of a page (NĐ 30/2020 Phụ lục I: attachment and copy signatures), moving it
    /// down in small steps while it would cover existing text; if every position within the top third collides,
    /// the top-right corner is used.
    /// </summary>
    /// <param name="visibleWidth">Page width as the reader sees it (pt).</param>
    /// <param name="visibleHeight">Page height as the reader sees it (pt).</param>
    /// <param name="blockWidth">Block width (pt).</param>
    /// <param name="blockHeight">Block height (pt).</param>
    /// <param name="obstacles">Existing text boxes (<see cref="GetTextBoxes"/>).</param>
    /// <param name="margin">Distance from the top and right edges (pt).</param>
    /// <returns>The block's rectangle in points.</returns>
    public static PageRectangle PlaceTopRight(double visibleWidth, double visibleHeight, double blockWidth, double blockHeight, IReadOnlyList<PageRectangle> obstacles, double margin = 42.52)
    {
        ArgumentNullException.ThrowIfNull(obstacles);
        double x = Math.Max(0, visibleWidth - margin - blockWidth);
        double top = visibleHeight - margin;
        for (double y = top - blockHeight; y >= visibleHeight * 2 / 3; y -= 4)
        {
            var candidate = new PageRectangle(x, y, blockWidth, blockHeight);
            if (!obstacles.Any(o => Intersects(candidate, o.ToPoints())))
            {
                return candidate;
            }
        }

        return new PageRectangle(x, top - blockHeight, blockWidth, blockHeight);
    }

    private static bool Intersects(PageRectangle a, PageRectangle b) => a.X < b.Right && b.X < a.Right && a.Y < b.Top && b.Y < a.Top;

    private static string Squash(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s.Normalize(NormalizationForm.FormC))
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

/// <summary>One shown character code with its Unicode text and user-space box.</summary>
internal readonly record struct TextGlyph(string Text, double X1, double Y1, double X2, double Y2);

/// <summary>Interprets a page's content stream far enough to place its text.</summary>
internal sealed class PageTextExtractor
{
    private const int MaxOperands = 4096;
    private readonly PdfDocumentReader _reader;
    private readonly PdfPage _page;
    private readonly Dictionary<string, TextFont> _fonts = new(StringComparer.Ordinal);
    private readonly List<TextGlyph> _glyphs = [];

    public PageTextExtractor(PdfDocumentReader reader, PdfPage page)
    {
        _reader = reader;
        _page = page;
    }

    private sealed class GState
    {
        public double[] Ctm = [1, 0, 0, 1, 0, 0];
        public double Tc, Tw, Th = 1, Tl, Trise, Tfs = 1;
        public TextFont? Font;

        public GState Clone() => (GState)MemberwiseClone();
    }

    public List<TextGlyph> Extract()
    {
        PdfObjectView view = _reader.Latest;
        PdfDictionary? resources = view.GetDictionary(_page.Resources);
        PdfDictionary? fontDict = resources is null ? null : view.GetDictionary(resources.Get("Font"));
        byte[] content = ReadContents(view);
        var lexer = new PdfLexer(new PdfInput(new MemoryStream(content)), 1 << 20);
        var operands = new List<object>();
        var stack = new Stack<GState>();
        var gs = new GState();
        double[] tm = [1, 0, 0, 1, 0, 0], tlm = [1, 0, 0, 1, 0, 0];
        while (true)
        {
            PdfToken t = lexer.Next();
            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                break;
            }

            switch (t.Kind)
            {
                case PdfTokenKind.Integer:
                    operands.Add((double)t.Integer);
                    break;
                case PdfTokenKind.Real:
                    operands.Add(t.Real);
                    break;
                case PdfTokenKind.Name:
                    operands.Add(new PdfName(t.Text!));
                    break;
                case PdfTokenKind.LiteralString:
                case PdfTokenKind.HexString:
                    operands.Add(t.Bytes!);
                    break;
                case PdfTokenKind.ArrayStart:
                    operands.Add(ReadArray(lexer));
                    break;
                case PdfTokenKind.DictionaryStart:
                    SkipDictionary(lexer);
                    operands.Add(new PdfDictionary());
                    break;
                case PdfTokenKind.Keyword:
                    string op = t.Text!;
                    if (op == "BI")
                    {
                        SkipInlineImage(lexer, content);
                        break;
                    }

                    Execute(op, operands, ref gs, stack, ref tm, ref tlm, fontDict, view);
                    operands.Clear();
                    break;
                default:
                    operands.Clear();
                    break;
            }

            if (operands.Count > MaxOperands)
            {
                throw new PdfFormatException("page " + (_page.Index + 1), "The content stream has too many operands for one operator.");
            }
        }

        return _glyphs;
    }

    private void Execute(string op, List<object> o, ref GState gs, Stack<GState> stack, ref double[] tm, ref double[] tlm, PdfDictionary? fontDict, PdfObjectView view)
    {
        double N(int i) => i < o.Count && o[i] is double d ? d : 0;
        switch (op)
        {
            case "q":
                if (stack.Count < 256)
                {
                    stack.Push(gs.Clone());
                }

                break;
            case "Q":
                if (stack.Count > 0)
                {
                    gs = stack.Pop();
                }

                break;
            case "cm" when o.Count >= 6:
                gs.Ctm = Mul([N(0), N(1), N(2), N(3), N(4), N(5)], gs.Ctm);
                break;
            case "BT":
                tm = [1, 0, 0, 1, 0, 0];
                tlm = [1, 0, 0, 1, 0, 0];
                break;
            case "Tf" when o.Count >= 2:
                gs.Tfs = N(1);
                gs.Font = o[0] is PdfName fn ? GetFont(fn.Value, fontDict, view) : null;
                break;
            case "Tc":
                gs.Tc = N(0);
                break;
            case "Tw":
                gs.Tw = N(0);
                break;
            case "Tz":
                gs.Th = N(0) / 100;
                break;
            case "TL":
                gs.Tl = N(0);
                break;
            case "Ts":
                gs.Trise = N(0);
                break;
            case "Td":
                tlm = Mul([1, 0, 0, 1, N(0), N(1)], tlm);
                tm = tlm;
                break;
            case "TD":
                gs.Tl = -N(1);
                tlm = Mul([1, 0, 0, 1, N(0), N(1)], tlm);
                tm = tlm;
                break;
            case "Tm" when o.Count >= 6:
                tlm = [N(0), N(1), N(2), N(3), N(4), N(5)];
                tm = tlm;
                break;
            case "T*":
                tlm = Mul([1, 0, 0, 1, 0, -gs.Tl], tlm);
                tm = tlm;
                break;
            case "Tj" when o.Count >= 1 && o[0] is byte[] s:
                Show(s, gs, ref tm);
                break;
            case "'" when o.Count >= 1 && o[^1] is byte[] s1:
                tlm = Mul([1, 0, 0, 1, 0, -gs.Tl], tlm);
                tm = tlm;
                Show(s1, gs, ref tm);
                break;
            case "\"" when o.Count >= 3 && o[2] is byte[] s2:
                gs.Tw = N(0);
                gs.Tc = N(1);
                tlm = Mul([1, 0, 0, 1, 0, -gs.Tl], tlm);
                tm = tlm;
                Show(s2, gs, ref tm);
                break;
            case "TJ" when o.Count >= 1 && o[0] is List<object> items:
                foreach (object item in items)
                {
                    if (item is byte[] bs)
                    {
                        Show(bs, gs, ref tm);
                    }
                    else if (item is double adj)
                    {
                        tm = Mul([1, 0, 0, 1, -adj / 1000 * gs.Tfs * gs.Th, 0], tm);
                    }
                }

                break;
        }
    }

    private void Show(byte[] bytes, GState gs, ref double[] tm)
    {
        TextFont? font = gs.Font;
        if (font is null)
        {
            return;
        }

        int i = 0;
        while (i < bytes.Length)
        {
            int len = Math.Min(font.CodeLength, bytes.Length - i);
            int code = 0;
            for (int k = 0; k < len; k++)
            {
                code = (code << 8) | bytes[i + k];
            }

            i += len;
            double w = font.Width(code) / 1000;
            double[] trm = Mul(Mul([gs.Tfs * gs.Th, 0, 0, gs.Tfs, 0, gs.Trise], tm), gs.Ctm);
            (double ax, double ay) = Apply(trm, 0, -0.22);
            (double bx, double by) = Apply(trm, w, -0.22);
            (double cx, double cy) = Apply(trm, w, 0.9);
            (double dx, double dy) = Apply(trm, 0, 0.9);
            _glyphs.Add(new TextGlyph(
                font.ToUnicode(code),
                Math.Min(Math.Min(ax, bx), Math.Min(cx, dx)),
                Math.Min(Math.Min(ay, by), Math.Min(cy, dy)),
                Math.Max(Math.Max(ax, bx), Math.Max(cx, dx)),
                Math.Max(Math.Max(ay, by), Math.Max(cy, dy))));
            double tx = ((w * gs.Tfs) + gs.Tc + (len == 1 && code == 32 ? gs.Tw : 0)) * gs.Th;
            if (_glyphs.Count > 2_000_000)
            {
                throw new EDocLimitExceededException("PDF", "page " + (_page.Index + 1), "MaxGlyphs", 2_000_000);
            }

            tm = Mul([1, 0, 0, 1, tx, 0], tm);
        }
    }

    private TextFont? GetFont(string name, PdfDictionary? fontDict, PdfObjectView view)
    {
        if (_fonts.TryGetValue(name, out TextFont? f))
        {
            return f;
        }

        PdfDictionary? dict = fontDict is null ? null : view.GetDictionary(fontDict.Get(name));
        f = dict is null ? null : new TextFont(_reader, view, dict);
        if (f is not null)
        {
            _fonts[name] = f;
        }

        return f;
    }

    private byte[] ReadContents(PdfObjectView view)
    {
        PdfObject? contents = view.Resolve(_page.Dictionary.Get("Contents"));
        var parts = new List<PdfStream>();
        if (contents is PdfStream s)
        {
            parts.Add(s);
        }
        else if (contents is PdfArray a)
        {
            foreach (PdfObject item in a.Items)
            {
                if (view.Resolve(item) is PdfStream ps)
                {
                    parts.Add(ps);
                }
            }
        }

        using var ms = new MemoryStream();
        foreach (PdfStream p in parts)
        {
            ms.Write(_reader.ReadStreamData(p, view));
            ms.WriteByte((byte)'\n');
        }

        return ms.ToArray();
    }

    private static List<object> ReadArray(PdfLexer lexer)
    {
        var items = new List<object>();
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            PdfToken t = lexer.Next();
            switch (t.Kind)
            {
                case PdfTokenKind.ArrayEnd:
                case PdfTokenKind.EndOfFile:
                    return items;
                case PdfTokenKind.Integer:
                    items.Add((double)t.Integer);
                    break;
                case PdfTokenKind.Real:
                    items.Add(t.Real);
                    break;
                case PdfTokenKind.LiteralString:
                case PdfTokenKind.HexString:
                    items.Add(t.Bytes!);
                    break;
                case PdfTokenKind.ArrayStart:
                    ReadArray(lexer);
                    break;
            }
        }

        return items;
    }

    private static void SkipDictionary(PdfLexer lexer)
    {
        int depth = 1;
        while (depth > 0)
        {
            PdfToken t = lexer.Next();
            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                return;
            }

            depth += t.Kind == PdfTokenKind.DictionaryStart ? 1 : t.Kind == PdfTokenKind.DictionaryEnd ? -1 : 0;
        }
    }

    private static void SkipInlineImage(PdfLexer lexer, byte[] content)
    {
        while (true)
        {
            PdfToken t = lexer.Next();
            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                return;
            }

            if (t.IsKeyword("ID"))
            {
                long p = t.End + 1;
                for (; p + 2 < content.Length; p++)
                {
                    if (content[p] == 'E' && content[p + 1] == 'I' && PdfLexer.IsWhitespace(content[p - 1]) && (p + 2 == content.Length || !PdfLexer.IsRegular(content[p + 2])))
                    {
                        lexer.Position = p + 2;
                        return;
                    }
                }

                lexer.Position = content.Length;
                return;
            }
        }
    }

    private static double[] Mul(double[] a, double[] b) =>
    [
        (a[0] * b[0]) + (a[1] * b[2]), (a[0] * b[1]) + (a[1] * b[3]),
        (a[2] * b[0]) + (a[3] * b[2]), (a[2] * b[1]) + (a[3] * b[3]),
        (a[4] * b[0]) + (a[5] * b[2]) + b[4], (a[4] * b[1]) + (a[5] * b[3]) + b[5],
    ];

    private static (double X, double Y) Apply(double[] m, double x, double y) => ((m[0] * x) + (m[2] * y) + m[4], (m[1] * x) + (m[3] * y) + m[5]);
}

/// <summary>Decodes character codes of one font to Unicode and widths.</summary>
internal sealed class TextFont
{
    private readonly Dictionary<int, string> _toUnicode = [];
    private readonly Dictionary<int, double> _widths = [];
    private readonly double _defaultWidth;
    private readonly bool _type0;

    public TextFont(PdfDocumentReader reader, PdfObjectView view, PdfDictionary font)
    {
        _type0 = font.GetNameValue("Subtype") == "Type0";
        CodeLength = _type0 ? 2 : 1;
        if (view.Resolve(font.Get("ToUnicode")) is PdfStream tu)
        {
            ParseCMap(reader.ReadStreamData(tu, view));
        }

        if (_type0)
        {
            PdfDictionary? cid = view.GetArray(font.Get("DescendantFonts")) is { Count: > 0 } df ? view.GetDictionary(df[0]) : null;
            _defaultWidth = view.Resolve(cid?.Get("DW")).TryGetNumber(out double dw) ? dw : 1000;
            if (view.GetArray(cid?.Get("W")) is { } w)
            {
                for (int i = 0; i + 1 < w.Count && i < 200_000;)
                {
                    if (!view.Resolve(w[i]).TryGetNumber(out double first))
                    {
                        break;
                    }

                    if (view.Resolve(w[i + 1]) is PdfArray list)
                    {
                        for (int k = 0; k < list.Count; k++)
                        {
                            _widths[(int)first + k] = view.Resolve(list[k]).TryGetNumber(out double v) ? v : _defaultWidth;
                        }

                        i += 2;
                    }
                    else if (i + 2 < w.Count && view.Resolve(w[i + 1]).TryGetNumber(out double last) && view.Resolve(w[i + 2]).TryGetNumber(out double width))
                    {
                        for (int c = (int)first; c <= last && c - first < 65536; c++)
                        {
                            _widths[c] = width;
                        }

                        i += 3;
                    }
                    else
                    {
                        break;
                    }
                }
            }
        }
        else
        {
            _defaultWidth = 500;
            int firstChar = (int)(view.GetInteger(font.Get("FirstChar")) ?? 0);
            if (view.GetArray(font.Get("Widths")) is { } widths)
            {
                for (int k = 0; k < widths.Count && k < 256; k++)
                {
                    _widths[firstChar + k] = view.Resolve(widths[k]).TryGetNumber(out double v) ? v : _defaultWidth;
                }
            }
        }
    }

    public int CodeLength { get; }

    public double Width(int code) => _widths.TryGetValue(code, out double w) ? w : _defaultWidth;

    public string ToUnicode(int code)
    {
        if (_toUnicode.TryGetValue(code, out string? s))
        {
            return s;
        }

        if (_type0)
        {
            return "\uFFFD";
        }

        // WinAnsi/standard: Latin-1 plus the Windows-1252 additions (only what anchors need).
        return code switch
        {
            0x96 => "–",
            0x97 => "—",
            0x91 => "‘",
            0x92 => "’",
            0x93 => "“",
            0x94 => "”",
            _ => ((char)code).ToString(),
        };
    }

    private void ParseCMap(byte[] data)
    {
        var lexer = new PdfLexer(new PdfInput(new MemoryStream(data)), 1 << 16);
        var pending = new List<PdfToken>();
        string? mode = null;
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            PdfToken t = lexer.Next();
            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                return;
            }

            if (t.Kind == PdfTokenKind.Keyword)
            {
                mode = t.Text switch
                {
                    "beginbfchar" => "char",
                    "beginbfrange" => "range",
                    _ => t.Text is "endbfchar" or "endbfrange" ? null : mode,
                };
                pending.Clear();
                continue;
            }

            if (mode is null)
            {
                continue;
            }

            if (t.Kind == PdfTokenKind.ArrayStart && mode == "range" && pending.Count == 2)
            {
                int lo = Code(pending[0].Bytes), k = 0;
                while (true)
                {
                    PdfToken item = lexer.Next();
                    if (item.Kind is PdfTokenKind.ArrayEnd or PdfTokenKind.EndOfFile)
                    {
                        break;
                    }

                    if (item.Bytes is { } b)
                    {
                        _toUnicode[lo + k++] = Encoding.BigEndianUnicode.GetString(b);
                    }
                }

                pending.Clear();
                continue;
            }

            pending.Add(t);
            if (mode == "char" && pending.Count == 2)
            {
                if (pending[0].Bytes is { } src && pending[1].Bytes is { } dst)
                {
                    _toUnicode[Code(src)] = Encoding.BigEndianUnicode.GetString(dst);
                }

                pending.Clear();
            }
            else if (mode == "range" && pending.Count == 3)
            {
                if (pending[0].Bytes is { } lo && pending[1].Bytes is { } hi && pending[2].Bytes is { Length: >= 2 } dst)
                {
                    int a = Code(lo), b = Code(hi);
                    for (int c = a; c <= b && c - a < 65536; c++)
                    {
                        byte[] d = (byte[])dst.Clone();
                        int add = c - a;
                        for (int x = d.Length - 1; x >= 0 && add > 0; x--)
                        {
                            int sum = d[x] + add;
                            d[x] = (byte)sum;
                            add = sum >> 8;
                        }

                        _toUnicode[c] = Encoding.BigEndianUnicode.GetString(d);
                    }
                }

                pending.Clear();
            }
        }
    }

    private static int Code(byte[]? b)
    {
        int c = 0;
        foreach (byte x in b ?? [])
        {
            c = (c << 8) | x;
        }

        return c;
    }
}

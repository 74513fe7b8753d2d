using System.Globalization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Interchange.Status;
using EDoc.Validation;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Turns an <c>edXMLEnvelope</c> element into the model. Elements are matched by local name only (any namespace or
/// prefix), case-insensitively, with <c>Business*</c> read as <c>Bussiness*</c>. Unknown elements, and known elements
/// whose value cannot be parsed, are kept in the owner's <c>UnknownElements</c> (the latter with a read problem).
/// </summary>
internal sealed class EdXmlParser
{
    private readonly List<ValidationProblem> _problems = [];

    public static bool Is(string localName, string expected)
        => string.Equals(Normalize(localName), Normalize(expected), StringComparison.OrdinalIgnoreCase);

    public static EdXmlPackage ParseEnvelope(XElement envelope)
    {
        var parser = new EdXmlParser();
        var package = parser.Envelope(envelope);
        foreach (var problem in parser._problems)
        {
            package.ReadProblems.Add(problem);
        }

        return package;
    }

    private static string Normalize(string name)
        => name.StartsWith("Business", StringComparison.OrdinalIgnoreCase) ? "Bussiness" + name[8..] : name;

    private EdXmlPackage Envelope(XElement envelope)
    {
        XElement? header = null;
        XElement? body = null;
        var envelopeUnknown = new List<XElement>();
        foreach (var child in envelope.Elements())
        {
            var soap = envelope.Name.LocalName == "Envelope";
            if ((Is(child.Name.LocalName, "edXMLHeader") || (soap && child.Name.LocalName == "Header")) && header is null)
            {
                header = child;
            }
            else if ((Is(child.Name.LocalName, "edXMLBody") || (soap && child.Name.LocalName == "Body")) && body is null)
            {
                body = child;
            }
            else
            {
                envelopeUnknown.Add(Copy(child));
            }
        }

        if (header is null)
        {
            throw new EdXmlFormatException("edXML", "edXMLEnvelope", "the envelope has no edXMLHeader.");
        }

        XElement? messageHeader = null;
        XElement? status = null;
        XElement? trace = null;
        XElement? signature = null;
        var headerUnknown = new List<XElement>();
        foreach (var child in header.Elements())
        {
            var name = child.Name.LocalName;
            if (Is(name, "MessageHeader") && messageHeader is null && status is null)
            {
                messageHeader = child;
            }
            else if (Is(name, "Status") && status is null && messageHeader is null)
            {
                status = child;
            }
            else if (Is(name, "TraceHeaderList") && trace is null)
            {
                trace = child;
            }
            else if (name == "Signature" && signature is null)
            {
                signature = child;
            }
            else
            {
                if (Is(name, "MessageHeader") || Is(name, "Status") || name == "Signature")
                {
                    Problem("edXMLHeader." + name, "duplicate", $"edXMLHeader has a second {name}; it is kept as an unknown element.", $"edXMLHeader có phần tử {name} thứ hai.", ValidationSeverity.Error);
                }

                headerUnknown.Add(Copy(child));
            }
        }

        EdXmlPackage package;
        if (messageHeader is not null)
        {
            var edoc = new EdocPackage { MessageHeader = MessageHeader(messageHeader), Manifest = null };
            if (body is not null)
            {
                foreach (var child in body.Elements())
                {
                    if (Is(child.Name.LocalName, "edXMLManifest") && edoc.Manifest is null)
                    {
                        edoc.Manifest = Manifest(child);
                    }
                    else
                    {
                        edoc.BodyUnknownElements.Add(Copy(child));
                    }
                }
            }

            package = edoc;
        }
        else if (status is not null)
        {
            package = new StatusPackage { Status = Status(status) };
            if (body is not null)
            {
                envelopeUnknown.Insert(0, Copy(body));
            }
        }
        else
        {
            throw new EdXmlFormatException("edXML", "edXMLEnvelope.edXMLHeader", "the header has neither MessageHeader nor Status.");
        }

        package.TraceHeaderList = trace is null ? null : TraceHeaderList(trace);
        package.Signature = signature is null ? null : new XElement(signature);
        AddAll(package.HeaderUnknownElements, headerUnknown);
        AddAll(package.EnvelopeUnknownElements, envelopeUnknown);
        return package;
    }

    private EdXmlMessageHeader MessageHeader(XElement e)
    {
        const string P = "MessageHeader";
        var h = new EdXmlMessageHeader();
        var responseIndex = 0;
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "from" when h.From is null: h.From = Organization(c); break;
                case "to": h.To.Add(Organization(c)); break;
                case "documentid" when h.DocumentId is null && !HasUnknown(h.UnknownElements, c): h.DocumentId = DocumentId(c, P + ".DocumentId", h.UnknownElements); break;
                case "code" when h.Code is null:
                    h.Code = new EdXmlCode();
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "codenumber" when h.Code.CodeNumber is null: h.Code.CodeNumber = g.Value; break;
                            case "codenotation" when h.Code.CodeNotation is null: h.Code.CodeNotation = g.Value; break;
                            default: h.Code.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    break;
                case "promulgationinfo" when h.PromulgationInfo is null:
                    h.PromulgationInfo = new EdXmlPromulgationInfo();
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "place" when h.PromulgationInfo.Place is null: h.PromulgationInfo.Place = g.Value; break;
                            case "promulgationdate" when h.PromulgationInfo.PromulgationDate is null:
                                h.PromulgationInfo.PromulgationDate = Date(g, P + ".PromulgationInfo.PromulgationDate", h.PromulgationInfo.UnknownElements);
                                break;
                            default: h.PromulgationInfo.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    break;
                case "documenttype" when h.DocumentType is null:
                    h.DocumentType = new EdXmlDocumentType();
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "type" when h.DocumentType.Type is null: h.DocumentType.Type = Int(g, P + ".DocumentType.Type", h.DocumentType.UnknownElements); break;
                            case "typedetail" when h.DocumentType.TypeDetail is null: h.DocumentType.TypeDetail = g.Value; break;
                            case "typename" when h.DocumentType.TypeName is null: h.DocumentType.TypeName = g.Value; break;
                            default: h.DocumentType.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    break;
                case "subject" when h.Subject is null: h.Subject = c.Value; break;
                case "content" when h.Content is null: h.Content = c.Value; break;
                case "signerinfo" when h.SignerInfo is null:
                    h.SignerInfo = new EdXmlSignerInfo();
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "competence" when h.SignerInfo.Competence is null: h.SignerInfo.Competence = g.Value; break;
                            case "position" when h.SignerInfo.Position is null: h.SignerInfo.Position = g.Value; break;
                            case "fullname" when h.SignerInfo.FullName is null: h.SignerInfo.FullName = g.Value; break;
                            default: h.SignerInfo.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    break;
                case "duedate" when h.DueDate is null && !HasUnknown(h.UnknownElements, c): h.DueDate = Date(c, P + ".DueDate", h.UnknownElements); break;
                case "toplaces" when h.ToPlaces is null && c.Elements().All(g => Key(g) == "place"):
                    h.ToPlaces = c.Elements().Select(g => g.Value).ToList();
                    break;
                case "otherinfo" when h.OtherInfo is null: h.OtherInfo = OtherInfo(c, P + ".OtherInfo"); break;
                case "responsefor": h.ResponseFor.Add(ResponseFor(c, $"{P}.ResponseFor[{responseIndex++}]")); break;
                case "steeringtype" when h.SteeringType is null && !HasUnknown(h.UnknownElements, c): h.SteeringType = Int(c, P + ".SteeringType", h.UnknownElements); break;
                default: h.UnknownElements.Add(Copy(c)); break;
            }
        }

        return h;
    }

    private EdXmlOtherInfo OtherInfo(XElement e, string path)
    {
        var o = new EdXmlOtherInfo();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "priority" when o.Priority is null && !HasUnknown(o.UnknownElements, c): o.Priority = Int(c, path + ".Priority", o.UnknownElements); break;
                case "sphereofpromulgation" when o.SphereOfPromulgation is null: o.SphereOfPromulgation = c.Value; break;
                case "typernotation" when o.TyperNotation is null: o.TyperNotation = c.Value; break;
                case "promulgationamount" when o.PromulgationAmount is null && !HasUnknown(o.UnknownElements, c): o.PromulgationAmount = Int(c, path + ".PromulgationAmount", o.UnknownElements); break;
                case "pageamount" when o.PageAmount is null && !HasUnknown(o.UnknownElements, c): o.PageAmount = Int(c, path + ".PageAmount", o.UnknownElements); break;
                case "appendixes" when o.Appendixes is null && c.Elements().All(g => Key(g) == "appendix"):
                    o.Appendixes = c.Elements().Select(g => g.Value).ToList();
                    break;
                case "direction" when o.Direction is null && !HasUnknown(o.UnknownElements, c):
                    var text = c.Value.Trim();
                    if (bool.TryParse(text, out var direction) || text is "0" or "1")
                    {
                        o.Direction = text is "0" or "1" ? text == "1" : direction;
                    }
                    else
                    {
                        Problem(path + ".Direction", "format", $"Direction '{EdXmlText.Excerpt(text)}' is not a boolean.", $"Direction '{EdXmlText.Excerpt(text)}' không phải giá trị logic.", ValidationSeverity.Warning);
                        o.UnknownElements.Add(Copy(c));
                    }

                    break;
                default: o.UnknownElements.Add(Copy(c)); break;
            }
        }

        return o;
    }

    private static EdXmlOrganization Organization(XElement e)
    {
        var o = new EdXmlOrganization();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "organid" when o.OrganId is null: o.OrganId = c.Value.Trim(); break;
                case "organizationincharge" when o.OrganizationInCharge is null: o.OrganizationInCharge = c.Value; break;
                case "organname" when o.OrganName is null: o.OrganName = c.Value; break;
                case "organadd" when o.OrganAdd is null: o.OrganAdd = c.Value; break;
                case "email" when o.Email is null: o.Email = c.Value; break;
                case "telephone" when o.Telephone is null: o.Telephone = c.Value; break;
                case "fax" when o.Fax is null: o.Fax = c.Value; break;
                case "website" when o.Website is null: o.Website = c.Value; break;
                default: o.UnknownElements.Add(Copy(c)); break;
            }
        }

        return o;
    }

    private EdXmlResponseFor ResponseFor(XElement e, string path)
    {
        var r = new EdXmlResponseFor();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "organid" when r.OrganId is null: r.OrganId = c.Value.Trim(); break;
                case "code" when r.Code is null: r.Code = c.Value; break;
                case "promulgationdate" when r.PromulgationDate is null && !HasUnknown(r.UnknownElements, c): r.PromulgationDate = Date(c, path + ".PromulgationDate", r.UnknownElements); break;
                case "documentid" when r.DocumentId is null && !HasUnknown(r.UnknownElements, c): r.DocumentId = DocumentId(c, path + ".DocumentId", r.UnknownElements); break;
                default: r.UnknownElements.Add(Copy(c)); break;
            }
        }

        return r;
    }

    private static EdXmlStaffInfo StaffInfo(XElement e)
    {
        var s = new EdXmlStaffInfo();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "department" when s.Department is null: s.Department = c.Value; break;
                case "staff" when s.Staff is null: s.Staff = c.Value; break;
                case "mobile" when s.Mobile is null: s.Mobile = c.Value; break;
                case "email" when s.Email is null: s.Email = c.Value; break;
                default: s.UnknownElements.Add(Copy(c)); break;
            }
        }

        return s;
    }

    private EdXmlStatus Status(XElement e)
    {
        const string P = "Status";
        var s = new EdXmlStatus();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "responsefor" when s.ResponseFor is null: s.ResponseFor = ResponseFor(c, P + ".ResponseFor"); break;
                case "from" when s.From is null: s.From = Organization(c); break;
                case "statuscode" when s.StatusCode is null && !HasUnknown(s.UnknownElements, c):
                    if (EdXmlStatusCodes.TryParse(c.Value, out var code))
                    {
                        s.StatusCode = code;
                    }
                    else
                    {
                        Problem(P + ".StatusCode", "format", $"StatusCode '{EdXmlText.Excerpt(c.Value)}' is not a two-digit code.", $"Mã trạng thái '{EdXmlText.Excerpt(c.Value)}' không phải mã hai chữ số.", ValidationSeverity.Error);
                        s.UnknownElements.Add(Copy(c));
                    }

                    break;
                case "description" when s.Description is null: s.Description = c.Value; break;
                case "timestamp" when s.Timestamp is null && !HasUnknown(s.UnknownElements, c): s.Timestamp = Timestamp(c, P + ".Timestamp", s.UnknownElements); break;
                case "staffinfo" when s.StaffInfo is null: s.StaffInfo = StaffInfo(c); break;
                default: s.UnknownElements.Add(Copy(c)); break;
            }
        }

        return s;
    }

    private EdXmlTraceHeaderList TraceHeaderList(XElement e)
    {
        const string P = "TraceHeaderList";
        var t = new EdXmlTraceHeaderList();
        foreach (var attribute in e.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            t.Attributes[attribute.Name.ToString()] = attribute.Value;
        }

        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "traceheader":
                    var hop = new EdXmlTraceHeader();
                    var hopPath = $"{P}.TraceHeader[{t.TraceHeaders.Count}]";
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "organid" when hop.OrganId is null: hop.OrganId = g.Value.Trim(); break;
                            case "timestamp" when hop.Timestamp is null && !HasUnknown(hop.UnknownElements, g): hop.Timestamp = Timestamp(g, hopPath + ".Timestamp", hop.UnknownElements); break;
                            default: hop.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    t.TraceHeaders.Add(hop);
                    break;
                case "bussiness" when t.Business is null: t.Business = Business(c, P + ".Bussiness"); break;
                default: t.UnknownElements.Add(Copy(c)); break;
            }
        }

        return t;
    }

    private EdXmlBusiness Business(XElement e, string path)
    {
        var b = new EdXmlBusiness();
        foreach (var c in e.Elements())
        {
            switch (Key(c))
            {
                case "bussinessdoctype" when b.BusinessDocType is null && !HasUnknown(b.UnknownElements, c):
                    var type = Int(c, path + ".BussinessDocType", b.UnknownElements);
                    b.BusinessDocType = type is null ? null : (EdXmlBusinessDocType)type.Value;
                    break;
                case "bussinessdocreason" when b.BusinessDocReason is null: b.BusinessDocReason = c.Value; break;
                case "documentid" when b.DocumentId is null && !HasUnknown(b.UnknownElements, c): b.DocumentId = DocumentId(c, path + ".DocumentId", b.UnknownElements); break;
                case "paper" when b.Paper is null && !HasUnknown(b.UnknownElements, c): b.Paper = Int(c, path + ".Paper", b.UnknownElements); break;
                case "staffinfo" when b.StaffInfo is null: b.StaffInfo = StaffInfo(c); break;
                case "bussinessdocumentinfo" when b.BusinessDocumentInfo is null:
                    var info = new EdXmlBusinessDocumentInfo();
                    foreach (var g in c.Elements())
                    {
                        switch (Key(g))
                        {
                            case "documentinfo" when info.DocumentInfo is null: info.DocumentInfo = g.Value; break;
                            case "documentreceiver" when info.DocumentReceiver is null: info.DocumentReceiver = g.Value; break;
                            case "receiverlist" when info.ReceiverList is null && g.Elements().All(r => Key(r) == "receiver"):
                                info.ReceiverList = [];
                                foreach (var r in g.Elements())
                                {
                                    var receiver = new EdXmlReceiver();
                                    var receiverPath = $"{path}.BussinessDocumentInfo.ReceiverList.Receiver[{info.ReceiverList.Count}]";
                                    foreach (var x in r.Elements())
                                    {
                                        switch (Key(x))
                                        {
                                            case "receivertype" when receiver.ReceiverType is null && !HasUnknown(receiver.UnknownElements, x): receiver.ReceiverType = Int(x, receiverPath + ".ReceiverType", receiver.UnknownElements); break;
                                            case "organid" when receiver.OrganId is null: receiver.OrganId = x.Value.Trim(); break;
                                            default: receiver.UnknownElements.Add(Copy(x)); break;
                                        }
                                    }

                                    info.ReceiverList.Add(receiver);
                                }

                                break;
                            default: info.UnknownElements.Add(Copy(g)); break;
                        }
                    }

                    b.BusinessDocumentInfo = info;
                    break;
                case "replacementinfolist" when b.ReplacementInfoList is null && c.Elements().All(r => Key(r) == "replacementinfo"):
                    b.ReplacementInfoList = [];
                    foreach (var r in c.Elements())
                    {
                        var replacement = new EdXmlReplacementInfo();
                        var replacementPath = $"{path}.ReplacementInfoList.ReplacementInfo[{b.ReplacementInfoList.Count}]";
                        var sawList = false;
                        foreach (var x in r.Elements())
                        {
                            switch (Key(x))
                            {
                                case "documentid" when replacement.DocumentId is null && !HasUnknown(replacement.UnknownElements, x): replacement.DocumentId = DocumentId(x, replacementPath + ".DocumentId", replacement.UnknownElements); break;
                                case "organidlist" when !sawList && x.Elements().All(o => Key(o) == "organid"):
                                    sawList = true;
                                    foreach (var o in x.Elements())
                                    {
                                        replacement.OrganIdList.Add(o.Value.Trim());
                                    }

                                    break;
                                default: replacement.UnknownElements.Add(Copy(x)); break;
                            }
                        }

                        b.ReplacementInfoList.Add(replacement);
                    }

                    break;
                default: b.UnknownElements.Add(Copy(c)); break;
            }
        }

        return b;
    }

    private static EdXmlManifest Manifest(XElement e)
    {
        var m = new EdXmlManifest { Version = e.Attributes().FirstOrDefault(a => a.Name.LocalName == "version")?.Value };
        foreach (var c in e.Elements())
        {
            if (Key(c) != "reference")
            {
                m.UnknownElements.Add(Copy(c));
                continue;
            }

            var r = new EdXmlManifestReference();
            foreach (var attribute in c.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                r.Attributes[attribute.Name.ToString()] = attribute.Value;
            }

            foreach (var g in c.Elements())
            {
                switch (Key(g))
                {
                    case "contentid" when r.ContentId is null: r.ContentId = EdXmlText.StripCid(g.Value); break;
                    case "contenttype" when r.ContentType is null: r.ContentType = g.Value; break;
                    case "description" when r.Description is null: r.Description = g.Value; break;
                    case "attachmentname" when r.AttachmentName is null: r.AttachmentName = g.Value; break;
                    default: r.UnknownElements.Add(Copy(g)); break;
                }
            }

            m.References.Add(r);
        }

        return m;
    }

    private static string Key(XElement e) => Normalize(e.Name.LocalName).ToLowerInvariant();

    private static bool HasUnknown(IList<XElement> unknown, XElement candidate)
        => unknown.Any(u => string.Equals(Key(u), Key(candidate), StringComparison.Ordinal));

    private EdXmlDocumentId? DocumentId(XElement e, string path, IList<XElement> unknown)
    {
        if (EdXmlDocumentId.TryParse(e.Value, out var id))
        {
            return id;
        }

        Problem(path, "format", $"DocumentId '{EdXmlText.Excerpt(e.Value)}' is not '{{OrganId}},{{yyyy/MM/dd}},{{number}}/{{notation}}'.", $"Mã văn bản '{EdXmlText.Excerpt(e.Value)}' không đúng định dạng '{{mã định danh}},{{yyyy/MM/dd}},{{số}}/{{ký hiệu}}'.", ValidationSeverity.Error);
        unknown.Add(Copy(e));
        return null;
    }

    private DateOnly? Date(XElement e, string path, IList<XElement> unknown)
    {
        if (EdXmlDates.TryParseDate(e.Value, out var date))
        {
            return date;
        }

        Problem(path, "date", $"'{EdXmlText.Excerpt(e.Value)}' is not a valid date (yyyy/MM/dd).", $"'{EdXmlText.Excerpt(e.Value)}' không phải ngày hợp lệ (yyyy/MM/dd).", ValidationSeverity.Error);
        unknown.Add(Copy(e));
        return null;
    }

    private DateTime? Timestamp(XElement e, string path, IList<XElement> unknown)
    {
        if (EdXmlDates.TryParseTimestamp(e.Value, out var timestamp))
        {
            return timestamp;
        }

        Problem(path, "date", $"'{EdXmlText.Excerpt(e.Value)}' is not a valid timestamp (yyyy/MM/dd HH:mm:ss).", $"'{EdXmlText.Excerpt(e.Value)}' không phải thời điểm hợp lệ (yyyy/MM/dd HH:mm:ss).", ValidationSeverity.Error);
        unknown.Add(Copy(e));
        return null;
    }

    private int? Int(XElement e, string path, IList<XElement> unknown)
    {
        if (int.TryParse(e.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(path, "number", $"'{EdXmlText.Excerpt(e.Value)}' is not a whole number.", $"'{EdXmlText.Excerpt(e.Value)}' không phải số nguyên.", ValidationSeverity.Error);
        unknown.Add(Copy(e));
        return null;
    }

    private void Problem(string path, string code, string message, string messageVi, ValidationSeverity severity)
        => _problems.Add(new ValidationProblem(path, code, message, messageVi, severity));

    private static XElement Copy(XElement element) => new(element);

    private static void AddAll(IList<XElement> target, IEnumerable<XElement> source)
    {
        foreach (var element in source)
        {
            target.Add(element);
        }
    }
}

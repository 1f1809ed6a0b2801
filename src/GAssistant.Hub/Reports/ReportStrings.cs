namespace GAssistant.Hub.Reports;

/// <summary>The report's words in Arabic and English; the report is the only user of them, so they live here, not in the page resources.</summary>
public sealed class ReportStrings
{
    private readonly IReadOnlyDictionary<string, string> _text;

    private ReportStrings(string language, IReadOnlyDictionary<string, string> text) => (Language, _text) = (language, text);

    public string Language { get; }

    public bool RightToLeft => Language == "ar";

    public string this[string key] => _text.TryGetValue(key, out var value) ? value : key;

    public static ReportStrings For(string language) => language == "ar" ? new("ar", Arabic) : new("en", English);

    private static readonly Dictionary<string, string> English = new()
    {
        ["subject.daily"] = "Daily report {0}",
        ["subject.weekly"] = "Weekly report {0} to {1}",
        ["title.daily"] = "Daily report",
        ["title.weekly"] = "Weekly report",
        ["period"] = "Period: {0} to {1}, compared with {2} to {3}.",
        ["figures"] = "Key figures",
        ["figure"] = "Figure",
        ["current"] = "This period",
        ["previous"] = "Previous period",
        ["change"] = "Change",
        ["leads"] = "New leads",
        ["won"] = "Won deals",
        ["conversion_rate"] = "Conversion rate (%)",
        ["expected_revenue"] = "Expected revenue",
        ["first_response_median"] = "Time to first response, median (working minutes)",
        ["first_response_p90"] = "Time to first response, 90th percentile (working minutes)",
        ["first_response_median_clock"] = "Time to first response, median (clock minutes)",
        ["spend"] = "Ad spend",
        ["meta_leads"] = "Leads from ads",
        ["cpl"] = "Cost per lead (CPL)",
        ["revenue"] = "Revenue",
        ["roas"] = "Return on ad spend (ROAS)",
        ["top_roas"] = "Best campaigns by ROAS",
        ["worst_roas"] = "Worst campaigns by ROAS",
        ["best_cpl"] = "Lowest cost per lead",
        ["worst_cpl"] = "Highest cost per lead",
        ["campaign"] = "Campaign",
        ["none"] = "No campaign with data in this period.",
        ["recommendations"] = "Recommendations",
        ["no_recommendations"] = "Nothing to change: no campaign stands out.",
        ["rec.scale"] = "Increase the budget of {0}: ROAS {1}.",
        ["rec.pause"] = "Pause or rework {0}: ROAS {1} is below 1.",
        ["rec.review_cpl"] = "Review the targeting and creative of {0}: a CPL of {1} is well above the average.",
        ["rec.check_tracking"] = "{0} spent {1} without a single lead: check its lead form and tracking.",
        ["chart"] = "Spend and revenue per campaign",
        ["chart_order"] = "Bars from left to right:",
        ["attachment"] = "All campaigns are in the attached CSV file.",
        ["footer"] = "Sent by G-Assistant CRM Hub.",
    };

    private static readonly Dictionary<string, string> Arabic = new()
    {
        ["subject.daily"] = "التقرير اليومي {0}",
        ["subject.weekly"] = "التقرير الأسبوعي من {0} إلى {1}",
        ["title.daily"] = "التقرير اليومي",
        ["title.weekly"] = "التقرير الأسبوعي",
        ["period"] = "الفترة: من {0} إلى {1}، مقارنةً بالفترة من {2} إلى {3}.",
        ["figures"] = "الأرقام الرئيسية",
        ["figure"] = "المؤشر",
        ["current"] = "هذه الفترة",
        ["previous"] = "الفترة السابقة",
        ["change"] = "التغيّر",
        ["leads"] = "العملاء المحتملون الجدد",
        ["won"] = "الصفقات المكسوبة",
        ["conversion_rate"] = "معدل التحويل (%)",
        ["expected_revenue"] = "الإيرادات المتوقعة",
        ["first_response_median"] = "زمن أول رد، الوسيط (دقائق عمل)",
        ["first_response_p90"] = "زمن أول رد، المئين التسعون (دقائق عمل)",
        ["first_response_median_clock"] = "زمن أول رد، الوسيط (دقائق فعلية)",
        ["spend"] = "الإنفاق الإعلاني",
        ["meta_leads"] = "العملاء المحتملون من الإعلانات",
        ["cpl"] = "تكلفة العميل المحتمل (CPL)",
        ["revenue"] = "الإيرادات",
        ["roas"] = "العائد على الإنفاق الإعلاني (ROAS)",
        ["top_roas"] = "أفضل الحملات حسب العائد على الإنفاق",
        ["worst_roas"] = "أضعف الحملات حسب العائد على الإنفاق",
        ["best_cpl"] = "أقل تكلفة للعميل المحتمل",
        ["worst_cpl"] = "أعلى تكلفة للعميل المحتمل",
        ["campaign"] = "الحملة",
        ["none"] = "لا توجد حملة ذات بيانات في هذه الفترة.",
        ["recommendations"] = "التوصيات",
        ["no_recommendations"] = "لا تغيير مطلوب: لا توجد حملة لافتة.",
        ["rec.scale"] = "زِد ميزانية الحملة {0}: العائد على الإنفاق {1}.",
        ["rec.pause"] = "أوقف الحملة {0} أو أعد بناءها: العائد على الإنفاق {1} أقل من 1.",
        ["rec.review_cpl"] = "راجع الاستهداف والتصاميم في الحملة {0}: تكلفة العميل المحتمل {1} أعلى بكثير من المتوسط.",
        ["rec.check_tracking"] = "أنفقت الحملة {0} مبلغ {1} دون أي عميل محتمل: تحقق من نموذج العملاء والتتبع.",
        ["chart"] = "الإنفاق والإيرادات لكل حملة",
        ["chart_order"] = "الأعمدة من اليسار إلى اليمين:",
        ["attachment"] = "جميع الحملات في ملف CSV المرفق.",
        ["footer"] = "أُرسل من G-Assistant CRM Hub.",
    };
}

//! The command line: clap's types and one file per command. Everything a
//! command does beyond reading its arguments lives in `crate::app`, which
//! knows nothing of clap. Exit codes: `app::exit` (0 done, 1 the input has
//! errors, 2 the command line is wrong or a file can't be read or written).

mod audit;
mod check;
mod explain;
mod import;
mod init;
mod profile;
mod render;
mod schema;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{self, Options};

#[derive(Parser, Debug)]
#[command(
    name = "govreport",
    version,
    about = "政府信息公开工作年度报告：生成与检查（国办公开办函〔2021〕30号格式）",
    after_help = "示例：\n  govreport init --name \"某区司法局\" --year 2024 > agency.toml\n  govreport check agency.toml\n  govreport render agency.toml -f txt -o 输出目录\n  govreport summary 各单位目录 -o 汇总表.xlsx\n  govreport explain GR0301"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
struct Common {
    /// 诊断信息的格式：human（中文说明）或 json（每行一个 JSON 对象，供程序读取）
    #[arg(long, value_enum, default_value = "human")]
    message_format: MessageFormat,
    /// 安静模式：不显示进度条，只输出问题和最后的汇总
    #[arg(short, long)]
    quiet: bool,
    /// 上年度的 agency.toml，用于核对上年结转、现行有效件数和内容雷同；
    /// 不指定时，自动使用同一目录下同一机关上一年度的文件
    #[arg(long, value_name = "FILE")]
    previous: Option<PathBuf>,
    /// 省级配置目录（模板和 style.toml）；用 govreport profile new 生成
    #[arg(long, value_name = "DIR")]
    profile: Option<PathBuf>,
    /// 同时处理的文件数（默认：全部 CPU 核心）
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 检查 agency.toml：指出每个问题所在的行和列，并说明如何改正
    Check {
        /// 要检查的文件；目录表示其中所有 .toml 文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// 检查后生成报告（txt、html、docx、pdf）
    Render {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式，逗号分隔：txt,html,docx,pdf 或 all
        #[arg(short, long, default_value = "all")]
        format: String,
        /// 输出目录（默认与输入文件相同）
        #[arg(short = 'o', long = "out-dir")]
        out_dir: Option<PathBuf>,
        /// 即使有错误也生成（不建议发布这样的报告）
        #[arg(long)]
        force: bool,
        /// HTML 只输出正文片段（无 <html>/<head>、无内联样式），便于粘贴到网站编辑器
        #[arg(long)]
        fragment: bool,
        /// PDF 标准：a-2b（PDF/A-2b 长期保存格式，生成时校验）
        #[arg(long, value_name = "STANDARD", value_parser = ["a-2b"])]
        pdf_standard: Option<String>,
        /// 只影响 docx：把字体中本文用到的字嵌入文档（内置开源字体或配置指定的字体文件），没有仿宋_GB2312 等正式字体的电脑（如 LibreOffice）也按正文、各级标题的字体显示；默认不嵌入，省级配置可用 [docx] embed_fonts = true 开启
        #[arg(long)]
        embed_fonts: bool,
        #[command(flatten)]
        common: Common,
    },
    /// 汇总表：每个机关一行、每个表格数字一列，末行合计（.csv 或 .xlsx）
    Summary {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出文件：.csv（UTF-8，Excel/WPS 可直接打开）或 .xlsx
        #[arg(short = 'o', long = "output", default_value = "summary.csv")]
        output: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// 输出一份带中文注释的 agency.toml 模板；-o 文件名.xlsx 写出填报工作簿
    Init {
        /// 机关名称，如“重庆市綦江区司法局”
        #[arg(long)]
        name: Option<String>,
        /// 报告年度（默认：去年）
        #[arg(long)]
        year: Option<i32>,
        /// department（政府部门）或 government（人民政府）
        #[arg(long, default_value = "department")]
        level: String,
        /// 输出文件：.xlsx 写出填报工作簿，.toml 写出 agency.toml（默认输出到屏幕）
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// 省级配置目录：工作簿中加入它要求的附加字段
        #[arg(long)]
        profile: Option<PathBuf>,
        /// 输出文件已存在时覆盖它（默认拒绝，以免覆盖已填好的文件）
        #[arg(long)]
        force: bool,
    },
    /// 省级配置：profile new 目录 —— 写出内置模板和带注释的 style.toml 供修改
    Profile {
        #[command(subcommand)]
        action: ProfileAction,
    },
    /// 显示一条规则的说明（如 GR0301）；不带参数时列出全部规则
    Explain {
        code: Option<String>,
        /// 以 Markdown 输出全部规则的说明（即 docs/rules.md）
        #[arg(long, conflicts_with = "code")]
        markdown: bool,
    },
    /// 输出 agency.toml 的 JSON Schema（供编辑器补全和校验）
    Schema,
    /// 审核已发布的报告（.txt、.html、.docx、.pdf）：章节、标签、勾稽关系、正文与表格
    Audit {
        /// 报告文件；目录表示其中所有 .txt、.html、.htm、.docx、.pdf 文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 另存一份审核汇总（CSV，每份报告一行）
        #[arg(long, value_name = "FILE.csv")]
        summary: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// 报告服务器：各单位在浏览器中填写、检查、下载年报，办公室审核（HTTP API 见文档）
    Serve {
        /// 数据库文件（SQLite；不存在时创建）
        #[arg(long, default_value = "govreport.db", value_name = "FILE")]
        db: PathBuf,
        /// 监听地址；0.0.0.0:8080 供内网访问，端口 0 自动选择
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        listen: String,
        /// 省级配置目录（模板和 style.toml），用于所有单位的检查和生成
        #[arg(long, value_name = "DIR")]
        profile: Option<PathBuf>,
        /// 新建单位的报告年度（默认：去年）
        #[arg(long)]
        year: Option<i32>,
        /// 首次启动时把办公室令牌写入此文件（权限 0600），而不是显示在屏幕上
        #[arg(long, value_name = "FILE")]
        office_token_file: Option<PathBuf>,
        /// 不启动服务，只对数据库做一件事：backup（备份）或 units（批量建单位）
        #[command(subcommand)]
        action: Option<ServeAction>,
    },
    /// 把已发布的报告（.txt、.html、.docx、.pdf）转为 agency.toml，作为下一年度的起点
    Import {
        file: PathBuf,
        /// 输出文件：.toml 或 .xlsx（填报工作簿）；默认以 agency.toml 格式输出到屏幕
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// 输出文件已存在时覆盖它（默认拒绝，以免覆盖已填好的文件）
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ServeAction {
    /// 把数据库完整备份到新文件（服务运行时也可以）；恢复时用备份文件启动即可
    Backup {
        /// 备份文件（不能已存在）
        out: PathBuf,
    },
    /// 按名单（CSV 或 .xlsx：单位名称, 类别, 联系人）批量新建单位，输出各单位的登录链接
    Units {
        /// 名单文件
        list: PathBuf,
        /// 登录链接表（CSV，可用于邮件合并）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// 链接的地址部分，即各单位访问服务器用的地址，如 http://192.168.1.10:8080
        #[arg(long, value_name = "URL")]
        link_base: String,
    },
}

#[derive(Subcommand, Debug)]
enum ProfileAction {
    /// 在新目录中写出内置模板和 style.toml
    New { dir: PathBuf },
}

impl Common {
    /// The run options of `crate::app`, free of clap.
    fn options(&self) -> Options {
        Options {
            json: self.message_format == MessageFormat::Json,
            quiet: self.quiet,
            previous: self.previous.clone(),
            profile: self.profile.clone(),
            jobs: self.jobs,
        }
    }
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                app::exit::TROUBLE
            } else {
                app::exit::OK
            };
        }
    };
    match cli.command {
        Command::Check { files, common } => check::run(&files, &common.options()),
        Command::Render {
            files,
            format,
            out_dir,
            force,
            fragment,
            pdf_standard,
            embed_fonts,
            common,
        } => render::run(
            &files,
            &common.options(),
            render::Args {
                format,
                out_dir,
                force,
                fragment,
                pdf_a2b: pdf_standard.is_some(),
                embed_fonts,
            },
        ),
        Command::Summary {
            files,
            output,
            common,
        } => summary::run(&files, &output, &common.options()),
        Command::Init {
            name,
            year,
            level,
            output,
            profile,
            force,
        } => init::run(
            name.as_deref(),
            year,
            &level,
            output.as_deref(),
            profile.as_deref(),
            force,
        ),
        Command::Profile {
            action: ProfileAction::New { dir },
        } => profile::new(&dir),
        Command::Explain { code, markdown } => explain::run(code.as_deref(), markdown),
        Command::Schema => schema::run(),
        Command::Audit {
            files,
            summary,
            common,
        } => audit::run(&files, summary.as_deref(), &common.options()),
        Command::Import {
            file,
            output,
            force,
        } => import::run(&file, output.as_deref(), force),
        Command::Serve {
            db,
            listen,
            profile,
            year,
            office_token_file,
            action,
        } => match action {
            None => crate::web::serve(crate::web::ServeOptions {
                db,
                listen,
                profile,
                year,
                office_token_file,
            }),
            Some(ServeAction::Backup { out }) => crate::web::backup_to(&db, &out),
            Some(ServeAction::Units {
                list,
                output,
                link_base,
            }) => crate::web::units_from_list(&db, &list, &output, year, &link_base),
        },
    }
}

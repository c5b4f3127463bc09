; 村记 (Cunji) Windows installer. Built by `make package` (packaging/package.mk):
;   makensis -DVERSION=0.1.0 -DBUILD=1 -DEXE=dist/windows/cunji.exe -DICON=dist/windows/cunji.ico \
;            -DLICENSES=assets/fonts -DOUTFILE=dist/cunji-0.1.0-windows-amd64-setup.exe packaging/windows/cunji.nsi
; Installs for all users into Program Files (64-bit), needs Windows 10 or later.
; The user's data (%AppData%\Cunji: cunji.db and backups\) is never touched by install or upgrade, and the
; uninstaller keeps it unless the user ticks the box on the uninstaller's data page.

Unicode true
ManifestDPIAware true
ManifestSupportedOS all
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh
!include FileFunc.nsh
!include nsDialogs.nsh

!ifndef VERSION
  !error "pass -DVERSION=x.y.z (make package reads it from FyneApp.toml)"
!endif
!ifndef BUILD
  !define BUILD 1
!endif
!ifndef EXE
  !error "pass -DEXE=path/to/cunji.exe"
!endif
!ifndef ICON
  !error "pass -DICON=path/to/cunji.ico"
!endif
!ifndef LICENSES
  !error "pass -DLICENSES=dir holding the font's COPYRIGHT.txt and LICENSE-Apache-2.0.txt"
!endif
!ifndef OUTFILE
  !define OUTFILE "cunji-${VERSION}-windows-amd64-setup.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "村记 Cunji"
!endif

; make sign: makensis runs SIGN_CMD on the uninstaller before packing it and on the finished setup
!ifdef SIGN_CMD
  !uninstfinalize '${SIGN_CMD} "%1"' = 0
  !finalize '${SIGN_CMD} "%1"' = 0
!endif

!define APPNAME "村记"
!define APPEXE "cunji.exe"
!define APPID "cn.cunji.app"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Cunji"
!define APPKEY "Software\Cunji"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Cunji"
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

; version information of setup.exe itself (Explorer → Properties → Details)
VIProductVersion "${VERSION}.${BUILD}"
VIFileVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} ${VERSION} 安装程序 (setup)"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!define MUI_FINISHPAGE_RUN_FUNCTION RunUnelevated

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; the first language is the default; Windows with an English UI gets English
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString NeedWin10 ${LANG_SIMPCHINESE} "村记需要 Windows 10 或更高版本（64 位）。$\r$\n这台电脑的 Windows 版本太旧，安装已取消。"
LangString NeedWin10 ${LANG_ENGLISH} "Cunji needs Windows 10 or later (64-bit).$\r$\nThis computer's Windows is too old; setup has stopped."
LangString RunNow ${LANG_SIMPCHINESE} "现在打开村记"
LangString RunNow ${LANG_ENGLISH} "Open Cunji now"
LangString DataTitle ${LANG_SIMPCHINESE} "台账数据"
LangString DataTitle ${LANG_ENGLISH} "Ledger data"
LangString DataSub ${LANG_SIMPCHINESE} "卸载程序默认保留您的数据。"
LangString DataSub ${LANG_ENGLISH} "The uninstaller keeps your data unless you ask otherwise."
LangString DataText ${LANG_SIMPCHINESE} "您的台账数据库和备份保存在：$\r$\n$APPDATA\Cunji$\r$\n$\r$\n卸载村记不会删除它们；以后重新安装村记，数据还在。换电脑时，请先关闭村记，再把这个文件夹整个复制到新电脑的同一位置。"
LangString DataText ${LANG_ENGLISH} "Your ledger database and its backups are in:$\r$\n$APPDATA\Cunji$\r$\n$\r$\nUninstalling Cunji keeps them; if you install Cunji again, your data is still there. To move to a new PC, close Cunji and copy this whole folder to the same place on the new PC."
LangString DataBox ${LANG_SIMPCHINESE} "同时删除我的台账数据和所有备份（无法恢复）"
LangString DataBox ${LANG_ENGLISH} "Also delete my ledger data and all backups (cannot be undone)"
LangString DataSure ${LANG_SIMPCHINESE} "确定要永久删除 $APPDATA\Cunji 中的台账数据和所有备份吗？$\r$\n删除后无法恢复。"
LangString DataSure ${LANG_ENGLISH} "Permanently delete the ledger data and all backups in $APPDATA\Cunji?$\r$\nThis cannot be undone."

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedWin10)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; an upgrade goes where the last install went (InstallDirRegKey would read the 32-bit registry
  ; view, so read it here); a folder given with /D= wins
  ${If} $INSTDIR == "$PROGRAMFILES64\Cunji"
    ReadRegStr $0 HKLM "${APPKEY}" "InstallDir"
    ${If} $0 != ""
      StrCpy $INSTDIR $0
    ${EndIf}
  ${EndIf}
FunctionEnd

; An elevated installer would start the app as administrator (and, with a separate admin account,
; in that account's AppData); asking Explorer to open it starts it as the signed-in user.
Function RunUnelevated
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${APPEXE}"'
FunctionEnd

Section "Install"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "/oname=${APPEXE}" "${EXE}"
  SetOutPath "$INSTDIR\licenses"
  File "${LICENSES}/COPYRIGHT.txt"
  File "${LICENSES}/LICENSE-Apache-2.0.txt"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${APPEXE}" "" "$INSTDIR\${APPEXE}" 0

  WriteRegStr HKLM "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APPKEY}" "Version" "${VERSION}"

  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${APPEXE},0"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; ---------------------------------------------------------------- uninstaller

Var DeleteData
Var DataCheckbox

Function un.onInit
  SetRegView 64
  StrCpy $DeleteData 0
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSub)"
  SetShellVarContext current
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 60% "$(DataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 65% 100% 12u "$(DataBox)"
  Pop $DataCheckbox
  ${If} $DeleteData == 1
    ${NSD_Check} $DataCheckbox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataSure)" IDYES sure
    ${NSD_Uncheck} $DataCheckbox
    StrCpy $DeleteData 0
    Abort
    sure:
    StrCpy $DeleteData 1
  ${Else}
    StrCpy $DeleteData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\${APPEXE}"
  Delete "$INSTDIR\licenses\COPYRIGHT.txt"
  Delete "$INSTDIR\licenses\LICENSE-Apache-2.0.txt"
  RMDir "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "${APPKEY}"

  ; only when ticked on the data page (never in a silent uninstall): the signed-in user's data
  ${If} $DeleteData == 1
    SetShellVarContext current
    RMDir /r "$APPDATA\Cunji"
    RMDir /r "$APPDATA\fyne\${APPID}"
    DetailPrint "$APPDATA\Cunji"
  ${EndIf}
SectionEnd
